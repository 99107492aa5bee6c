// The REFI-QDA model lives below db/ (db/refi-model.ts) so the project mapping can use it
// without reaching into electron/; the format code names it from here.
export * from '../../../db/refi-model.js';
