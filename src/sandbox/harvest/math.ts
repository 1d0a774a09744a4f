/** Money and hours are reported with two decimals. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Harvest's rounded_hours: up to the next quarter hour. */
export const roundUpToQuarter = (hours: number): number => Math.ceil(round2(hours) * 4) / 4;

export const sum = (values: readonly number[]): number => round2(values.reduce((total, value) => total + value, 0));
