import * as Comlink from 'comlink';
import { activationApi } from './activation.api.ts';

Comlink.expose(activationApi, self as unknown as Comlink.Endpoint);
