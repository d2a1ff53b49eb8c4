import { confirm, isCancel, multiselect, select, text } from "@clack/prompts";
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

  /** Several of a list; `initial` are ticked to begin with. */
  async multiselect<T extends string>(message: string, options: { value: T; label: string; hint?: string }[], initial: T[]): Promise<T[]> {
    const answer = await multiselect<T>({ message, options: options as never, initialValues: initial, required: false, output: process.stderr });
    return answered<T[]>(answer);
  },

  /** One of a list. */
  async select<T extends string>(message: string, options: { value: T; label: string; hint?: string }[], initial: T): Promise<T> {
    return answered<T>(await select<T>({ message, options: options as never, initialValue: initial, output: process.stderr }));
  },
};

function answered<T>(value: T | symbol): T {
  if (isCancel(value)) throw new TrinityError("interrupted", "cancelled; nothing was written");
  return value as T;
}
