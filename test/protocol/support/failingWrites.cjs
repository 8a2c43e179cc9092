// Preloaded (`node --require`) into the built CLI by test/protocol/noLostText.test.ts, to make
// writes fail as they do on a real machine. When the CLI writes the temporary file beside a note
// whose file name is in
// - ATTACK_NOTES_DISK_FULL_FOR: the disk fills up: half of the bytes are written, then the write
//   fails with ENOSPC;
// - ATTACK_NOTES_SAVED_MEANWHILE_FOR: an editor saves the note at that moment (the temporary file
//   is written, and the note itself gets the editor's text).
// Every other write goes through.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const diskFullFor = process.env.ATTACK_NOTES_DISK_FULL_FOR;
const savedMeanwhileFor = process.env.ATTACK_NOTES_SAVED_MEANWHILE_FOR;
const realWriteFileSync = fs.writeFileSync;

/** The note a temporary file of the atomic write stands for (`.<name>.<pid>-<hex>.tmp`). */
function noteOfTemporary(file) {
  const match = /^\.(.+)\.\d+-[0-9a-f]+\.tmp$/.exec(path.basename(String(file)));
  return match ? match[1] : undefined;
}

fs.writeFileSync = function writeFileSync(file, data, options) {
  const note = typeof file === 'string' ? noteOfTemporary(file) : undefined;
  if (note !== undefined && note === diskFullFor) {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(String(data));
    realWriteFileSync.call(fs, file, bytes.subarray(0, bytes.length >> 1), options);
    const error = new Error(`ENOSPC: no space left on device, write '${file}'`);
    error.code = 'ENOSPC';
    throw error;
  }
  const result = realWriteFileSync.apply(fs, arguments);
  if (note !== undefined && note === savedMeanwhileFor) {
    realWriteFileSync.call(fs, path.join(path.dirname(file), note), 'Saved by the editor.\n');
  }
  return result;
};
