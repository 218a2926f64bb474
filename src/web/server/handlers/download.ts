// /ui/download: the profile as refined by the query, gzipped protobuf
// (the -proto report), as pprof's download link.

import { commandByName } from '../../../driver/commands.js';
import { send } from '../http-util.js';
import type { Handler } from '../route.js';
import { gzipSync } from 'node:zlib';

/** downloadHandler sends profile.pb.gz. */
export const downloadHandler: Handler = ({ session, url, res }) => {
  const { out } = session.render(commandByName('proto')!, url.searchParams);
  if (out.kind !== 'binary') throw new Error('proto report is not binary');
  send(res, 200, 'application/octet-stream', out.gzip ? gzipSync(out.data) : out.data, {
    'content-disposition': 'attachment; filename="profile.pb.gz"',
  });
};
