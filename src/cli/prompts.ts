import { confirm, isCancel, text } from "@clack/prompts";
import { TrinityError } from "../errors.ts";

/**
 * Interactive questions, drawn on stderr so that stdout stays clean for output. Only used when
 * stdin and stderr are terminals; elsewhere trinity never prompts (a prompt on a pipe would hang).
 */
export const prompts = {
  async text(message: string, initial: string, validate: (value: string) => string | undefined): Promise<string> {
    const answer = await text({
      message,
      initialValue: initial,
      validate: (value) => validate(value ?? ""),
      output: process.stderr,
    });
    return answered<string>(answer);
  },

  async confirm(message: string, initial: boolean): Promise<boolean> {
    return answered<boolean>(await confirm({ message, initialValue: initial, output: process.stderr }));
  },
};

function answered<T>(value: T | symbol): T {
  if (isCancel(value)) throw new TrinityError("interrupted", "cancelled; nothing was written");
  return value as T;
}
