/** Exit statuses (contract): 0 the gate passes, 1 the gate fails, 2 usage or internal error. */
export const EXIT = Object.freeze({ pass: 0, fail: 1, error: 2 } as const);
