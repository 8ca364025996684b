import { UsageError, type Command } from '../io.ts';

export const fieldCommand: Command = async () => {
  throw new UsageError('"field" is not available in this version yet');
};
