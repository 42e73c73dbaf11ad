/**
 * RDS backup and maintenance windows as the API takes them (API rds CreateDBInstance and
 * CreateDBCluster, PreferredBackupWindow: "hh24:mi-hh24:mi", UTC, "Must not conflict with the
 * preferred maintenance window", "Must be at least 30 minutes"; PreferredMaintenanceWindow:
 * "ddd:hh24:mi-ddd:hh24:mi", "Minimum 30-minute window"; read 2026-12-03). Pure arithmetic on
 * minutes: a backup window is daily, a maintenance window weekly, and either may run past
 * midnight (a maintenance window past Sunday night into Monday).
 */

const DAY = 24 * 60;
const WEEK = 7 * DAY;
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** A window as minutes from its period's start (the day's or Monday's), end after start. */
export interface Window {
    start: number;
    /** Exclusive; above the period when the window runs past its end. */
    end: number;
}

function clock(text: string): number | undefined {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
    return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function wrap(start: number, end: number, period: number): Window | undefined {
    // Equal ends: no window the API takes (and none of at least 30 minutes).
    if (start === end) return undefined;
    return { start, end: end > start ? end : end + period };
}

/** A daily backup window "hh24:mi-hh24:mi", or undefined when it is not one. */
export function parseBackupWindow(text: string): Window | undefined {
    const [from, to, extra] = text.split("-");
    if (extra !== undefined || to === undefined) return undefined;
    const start = clock(from);
    const end = clock(to);
    return start === undefined || end === undefined ? undefined : wrap(start, end, DAY);
}

/** A weekly maintenance window "ddd:hh24:mi-ddd:hh24:mi" (days in any case), or undefined. */
export function parseMaintenanceWindow(text: string): Window | undefined {
    const [from, to, extra] = text.split("-");
    if (extra !== undefined || to === undefined) return undefined;
    const point = (part: string) => {
        const day = DAYS.indexOf(part.slice(0, 3).toLowerCase());
        const time = part[3] === ":" ? clock(part.slice(4)) : undefined;
        return day < 0 || time === undefined ? undefined : day * DAY + time;
    };
    const start = point(from);
    const end = point(to);
    return start === undefined || end === undefined ? undefined : wrap(start, end, WEEK);
}

export const windowMinutes = (window: Window) => window.end - window.start;

/**
 * Whether a daily backup window meets a weekly maintenance window: the backup window repeats on
 * each of the week's days (and the week repeats), so it is laid at every day's offset across two
 * weeks. Windows that only touch (one ends at 03:30, the other starts then) do not overlap.
 */
export function windowsOverlap(backup: Window, maintenance: Window): boolean {
    for (let day = -1; day <= 14; day++) {
        const start = backup.start + day * DAY;
        const end = backup.end + day * DAY;
        for (const shift of [-WEEK, 0, WEEK])
            if (start < maintenance.end + shift && maintenance.start + shift < end) return true;
    }
    return false;
}
