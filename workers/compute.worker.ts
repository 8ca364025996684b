import '../src/app/zodNoEval.ts';
import * as Comlink from 'comlink';
import { computeApi } from './compute.api.ts';

Comlink.expose(computeApi, self as unknown as Comlink.Endpoint);
