import * as Comlink from 'comlink';
import { fieldApi } from './field.api.ts';

Comlink.expose(fieldApi, self as unknown as Comlink.Endpoint);
