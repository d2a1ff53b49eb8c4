import { listCatalogue } from "../commands/list.ts";
import { formatListing } from "../report/list.ts";
import type { Command } from "./command.ts";

/** `trinity list`. */
export const listCommand: Command = {
  name: "list",
  summary: "show the catalogue: agents by team, workflows, templates and supported stacks",
  usage: "trinity list [options]",
  positionals: [],
  flags: [],
  async run({ global }) {
    const listing = listCatalogue();
    return { exitCode: 0, text: formatListing(listing, global.style), json: { ...listing } };
  },
};
