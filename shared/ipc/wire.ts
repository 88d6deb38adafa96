import { z } from 'zod';
import type { Envelope } from './envelope.js';

/** Frames of the headless WebSocket transport. */
export const RequestFrame = z.object({
  id: z.number().int().nonnegative(),
  name: z.string().max(128),
  input: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export type ResponseFrame = { id: number; result: Envelope<unknown> };
export type EventFrame = { event: string; payload: unknown };
export type ServerFrame = ResponseFrame | EventFrame;

export const WS_PATH = '/ws';
/** The headless UI's address carries the token in its fragment (#token=...), never sent to a server. */
export const TOKEN_PARAM = 'token';
/**
 * The WebSocket carries the token as a subprotocol (a browser cannot set other headers on it):
 * the client offers [WS_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token]; the server selects WS_PROTOCOL.
 */
export const WS_PROTOCOL = 'workstation';
export const TOKEN_PROTOCOL_PREFIX = 'workstation.token.';

/** The API the preload bridge exposes as window.workstation (same shape as the WebSocket client). */
export type WorkstationBridge = {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
};

/** The desktop preload's bridge: the contract, and the engine's start before the contract is up. */
export type DesktopBridge = WorkstationBridge & { boot(): Promise<unknown> };
