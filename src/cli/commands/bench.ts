import { UsageError, type Command } from '../io.ts';

export const benchCommand: Command = async () => {
  throw new UsageError('"bench" is not available in this version yet');
};
