// /ui/data/goroutines: the goroutines page, the model `gotune goroutines`
// prints (goroutine/model.ts): the groups of a goroutine profile or dump
// and, with a base (or two snapshots), the diff with its creation sites.

import { sendJson } from '../http-util.js';
import type { Handler } from '../route.js';

/** goroutinesDataHandler answers the GoroutineReport JSON, or 404 when the profile is not of goroutines. */
export const goroutinesDataHandler: Handler = ({ session, res }) => {
  sendJson(res, session.goroutines());
};
