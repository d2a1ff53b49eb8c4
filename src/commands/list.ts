import { DETECTED_ECOSYSTEMS } from "../detect/index.ts";
import type { EcosystemId } from "../detect/types.ts";
import type { Ownership } from "../manifest/schema.ts";
import { FILL_IN_TEMPLATES, KNOWLEDGE_BASE, SOURCE_GUIDANCE } from "../templates/catalogue.ts";
import { CI_CHOICES, LINT_TOOLS } from "../tooling/tools.ts";
import { AGENTS, TEAMS, WORKFLOWS, workflowsUsing, type Team } from "../templates/roster.ts";

/** The catalogue as `trinity list` shows it: built from the same tables deploy renders from. */
export interface Listing {
  agents: { stem: string; team: Team; persona: string; title: string; role: string; tools: readonly string[]; workflows: string[] }[];
  teams: readonly Team[];
  workflows: { name: string; invocation: string; description: string; argumentHint: string | null; agents: readonly string[]; userOnly: boolean }[];
  templates: {
    knowledgeBase: { name: string; ownership: Ownership }[];
    workOrders: readonly string[];
    investigations: readonly string[];
    documentation: readonly string[];
  };
  stacks: { detected: readonly EcosystemId[]; guidance: { template: string; stack: string }[] };
  /** The lint tools `deploy --lint` can set up and the CI platforms of `--ci`. */
  tooling: { lint: { id: string; label: string; description: string; ecosystems: readonly EcosystemId[] | null }[]; ci: readonly string[] };
}

/** Lists agents by team, workflows, templates and supported stacks. */
export function listCatalogue(): Listing {
  return {
    agents: AGENTS.map((agent) => ({
      stem: agent.stem,
      team: agent.team,
      persona: agent.persona,
      title: agent.title,
      role: agent.role,
      tools: agent.tools,
      workflows: workflowsUsing(agent.stem).map((workflow) => `/trinity-${workflow.name}`),
    })),
    teams: TEAMS,
    workflows: WORKFLOWS.map((workflow) => ({
      name: workflow.name,
      invocation: `/trinity-${workflow.name}`,
      description: workflow.description,
      argumentHint: workflow.argumentHint,
      agents: workflow.agents,
      userOnly: workflow.userOnly,
    })),
    templates: {
      knowledgeBase: KNOWLEDGE_BASE.map(({ name, ownership }) => ({ name, ownership })),
      workOrders: FILL_IN_TEMPLATES["work-orders"],
      investigations: FILL_IN_TEMPLATES.investigations,
      documentation: FILL_IN_TEMPLATES.documentation,
    },
    stacks: {
      detected: DETECTED_ECOSYSTEMS,
      guidance: SOURCE_GUIDANCE.map(({ template, stack }) => ({ template, stack })),
    },
    tooling: {
      lint: LINT_TOOLS.map(({ id, label, description, ecosystems }) => ({ id, label, description, ecosystems })),
      ci: CI_CHOICES,
    },
  };
}
