// Preloaded (node --import) to make a process report another pid, as a
// process in another pid namespace does: two containers are both pid 1.
const pid = Number(process.env.PARLEY_REPORTED_PID);
if (Number.isInteger(pid) && pid > 0) Object.defineProperty(process, "pid", { value: pid });
