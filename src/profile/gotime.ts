// Go's time and duration text formats, which pprof prints in headers and in
// raw dumps (time.Time.String, Time.Format, time.Duration.String).

/** ZoneInfo gives the UTC offset (minutes east) and abbreviation at a moment. */
export type ZoneInfo = (epochMillis: number) => { offsetMinutes: number; abbrev: string };

/**
 * localZone reads the process time zone through Date and Intl. Go prints
 * tzdata abbreviations ("CET"); Intl may only know "GMT+1" for some zones,
 * which is then what we print. UTC prints as "UTC", as in Go.
 */
export const localZone: ZoneInfo = (ms) => {
  const offsetMinutes = -new Date(ms).getTimezoneOffset();
  // At offset zero the name below always comes out as "UTC": skip Intl,
  // whose first use loads locale data (tens of milliseconds).
  if (offsetMinutes === 0) return { offsetMinutes, abbrev: 'UTC' };
  let abbrev = '';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
      .formatToParts(new Date(ms)).find((x) => x.type === 'timeZoneName');
    abbrev = part ? part.value : '';
  } catch {
    abbrev = '';
  }
  if (offsetMinutes === 0 && (abbrev === 'UTC' || abbrev === 'GMT' || abbrev === '')) abbrev = 'UTC';
  if (abbrev === '' || /^GMT[+-]/.test(abbrev)) abbrev = formatOffset(offsetMinutes, false);
  return { offsetMinutes, abbrev };
};

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function formatOffset(min: number, colon: boolean): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return sign + pad(Math.floor(a / 60), 2) + (colon ? ':' : '') + pad(a % 60, 2);
}

function civil(ns: bigint, zone: ZoneInfo) {
  const ms = Number(ns / 1000000n) - (ns < 0n && ns % 1000000n !== 0n ? 1 : 0);
  const { offsetMinutes, abbrev } = zone(ms);
  const d = new Date(ms + offsetMinutes * 60000);
  let frac = ns % 1000000000n;
  if (frac < 0n) frac += 1000000000n;
  return {
    date: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`,
    time: `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`,
    frac: Number(frac),
    offsetMinutes,
    abbrev,
  };
}

/** formatGoTimeString is Go's Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST". */
export function formatGoTimeString(ns: bigint, zone: ZoneInfo = localZone): string {
  const c = civil(ns, zone);
  let f = '';
  if (c.frac !== 0) f = '.' + pad(c.frac, 9).replace(/0+$/, '');
  return `${c.date} ${c.time}${f} ${formatOffset(c.offsetMinutes, false)} ${c.abbrev}`;
}

/** formatGoTimeShort is Time.Format("2006-01-02 15:04:05 MST"), pprof's header layout. */
export function formatGoTimeShort(ns: bigint, zone: ZoneInfo = localZone): string {
  const c = civil(ns, zone);
  return `${c.date} ${c.time} ${c.abbrev}`;
}

/** formatGoDuration is Go's time.Duration.String(). */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e3) out = `${u}ns`;
  else if (u < 1e6) out = fracUnit(u, 3) + 'µs';
  else if (u < 1e9) out = fracUnit(u, 6) + 'ms';
  else {
    const secsFrac = fracUnit(u % 60e9, 9);
    u = Math.floor(u / 60e9);
    out = secsFrac + 's';
    if (u > 0) {
      out = (u % 60) + 'm' + out;
      u = Math.floor(u / 60);
      if (u > 0) out = u + 'h' + out;
    }
  }
  return neg ? '-' + out : out;
}

// v / 10^prec printed with trailing zeros (and a bare point) removed.
function fracUnit(v: number, prec: number): string {
  const d = 10 ** prec;
  const whole = Math.floor(v / d);
  const frac = v - whole * d;
  if (frac === 0) return String(whole);
  return `${whole}.${pad(frac, prec).replace(/0+$/, '')}`;
}
