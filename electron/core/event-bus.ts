import type { EventName, EventPayload } from '../../shared/ipc/contract.js';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

/** Typed engine-to-UI events; transports subscribe to all of them and forward. */
export type EventBus = {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  subscribe(listener: AnyEventListener): () => void;
};

export function createEventBus(onListenerError: (error: unknown) => void): EventBus {
  const listeners = new Set<AnyEventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        try {
          listener(name, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
