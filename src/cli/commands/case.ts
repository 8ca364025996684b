import { UsageError, type Command } from '../io.ts';

export const caseCommand: Command = async () => {
  throw new UsageError('"case" is not available in this version yet');
};
