import { UsageError, type Command } from '../io.ts';

export const runCommand: Command = async () => {
  throw new UsageError('"run" is not available in this version yet');
};
