import type { InvokeInput, InvokeName, InvokeOutput } from '../../../shared/ipc/contract';
import type { ContractError } from '../../../shared/ipc/envelope';
import type { Transport } from './transport';

/** A call the engine answered with {ok:false}: the message is written for the user. */
export class CallError extends Error {
  readonly code: ContractError['code'];
  constructor(error: ContractError) {
    super(error.message);
    this.name = 'CallError';
    this.code = error.code;
  }
}

export type Api = {
  invoke<K extends InvokeName>(name: K, input: InvokeInput<K>): Promise<InvokeOutput<K>>;
  transport: Transport;
};

export function createApi(transport: Transport): Api {
  return {
    transport,
    async invoke(name, input) {
      const envelope = await transport.invoke(name, input);
      if (!envelope.ok) throw new CallError(envelope.error);
      return envelope.data as InvokeOutput<typeof name>;
    },
  };
}
