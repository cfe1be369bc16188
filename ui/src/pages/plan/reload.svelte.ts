// Asks the plan's page to read the plan again (after something outside the page changed it: an undo).
export const planReload = $state({ n: 0 });
