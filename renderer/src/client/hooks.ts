import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { InvokeInput, InvokeName, InvokeOutput } from '../../../shared/ipc/contract';
import type { CallError } from './api';
import { useApi } from './context';

export function queryKey<K extends InvokeName>(name: K, input: InvokeInput<K>): readonly [K, InvokeInput<K>] {
  return [name, input] as const;
}

/** react-query over a contract call; the cache key is [name, input]. */
export function useInvokeQuery<K extends InvokeName>(
  name: K,
  input: InvokeInput<K>,
  options?: Omit<UseQueryOptions<InvokeOutput<K>, CallError>, 'queryKey' | 'queryFn'>,
) {
  const api = useApi();
  return useQuery<InvokeOutput<K>, CallError>({
    queryKey: queryKey(name, input),
    queryFn: () => api.invoke(name, input),
    ...options,
  });
}

/** A contract call with side effects; `invalidates` names the queries to refetch after it. */
export function useInvokeMutation<K extends InvokeName>(name: K, invalidates: InvokeName[] = []) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation<InvokeOutput<K>, CallError, InvokeInput<K>>({
    mutationFn: (input) => api.invoke(name, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((n) => client.invalidateQueries({ queryKey: [n] })));
    },
  });
}
