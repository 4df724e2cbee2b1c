/** The check run's name: users require it in branch protection, so it is a contract. */
export const CHECK_NAME = 'pr-reviewer';
