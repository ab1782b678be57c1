"""Reference for Baylink's scheduler: Google OR-Tools CP-SAT on the B2B meeting scheduling
problem of Bofill et al. (JAIR 2022), the same rules as `baylink schedule` (slots, tables
per slot, session wishes, forbidden and fixed slots, precedences, breaks within d of each
other) and the same objective (fewest breaks), over the same Boolean variables as Baylink's
formula: meeting-in-slot, busy-in-slot, break starts. Run by bench/b2b.sh, one instance per
line of output as JSON.

    python bench/b2b_cpsat.py LIMIT WORKERS FILE...
"""
import json, re, sys, time
from ortools.sat.python import cp_model

def parse(path):
    text = open(path).read()
    def num(name):
        return int(re.search(rf"\b{name}\s*=\s*(\d+)", text).group(1))
    def body(name):
        m = re.search(rf"\b{name}\s*=\s*\[(.*?)\];", text, re.S)
        return m.group(1)
    P, M, L, T, AM = num("nBusiness"), num("nMeetings"), num("nTables"), num("nTotalSlots"), num("nMorningSlots")
    req = [tuple(int(v) for v in re.findall(r"-?\d+", row)) for row in body("requested").split("|") if re.search(r"\d", row)]
    assert len(req) == M
    fixed = [int(v) for v in re.findall(r"\d+", body("fixed"))] if re.search(r"\bfixed\s*=", text) else [0]*M
    def sets(name):
        if not re.search(rf"\b{name}\s*=", text):
            return None
        return [[int(v) for v in re.findall(r"\d+", s)] for s in re.findall(r"\{([^}]*)\}", body(name))]
    forb = sets("forbidden") or [[] for _ in range(P)]
    prec = sets("precedences") or [[] for _ in range(M)]
    forb = [[t for t in f if t != 0] for f in forb]
    return P, M, L, T, AM, req, fixed, forb, prec

def solve(path, limit, d=2, workers=1):
    P, M, L, T, AM, req, fixed, forb, prec = parse(path)
    m = cp_model.CpModel()
    x = {}
    slots_of = []
    for i, (a, b, w) in enumerate(req):
        ok = []
        for t in range(1, T + 1):
            if w == 1 and t > AM: continue
            if w == 2 and t <= AM: continue
            if t in forb[a - 1] or t in forb[b - 1]: continue
            if fixed[i] and fixed[i] != t: continue
            ok.append(t)
        slots_of.append(ok)
        for t in ok:
            x[i, t] = m.NewBoolVar("")
        m.AddExactlyOne(x[i, t] for t in ok)
    s = [m.NewIntVar(1, T, "") for _ in range(M)]
    for i in range(M):
        m.Add(s[i] == sum(t * x[i, t] for t in slots_of[i]))
    for i in range(M):
        for j in prec[i]:
            m.Add(s[j - 1] < s[i])
    for t in range(1, T + 1):
        here = [x[i, t] for i in range(M) if (i, t) in x]
        if len(here) > L:
            m.Add(sum(here) <= L)
    meetings = [[] for _ in range(P)]
    for i, (a, b, w) in enumerate(req):
        meetings[a - 1].append(i); meetings[b - 1].append(i)
    total = []
    nbs = []
    for p in range(P):
        busy = []
        for t in range(1, T + 1):
            here = [x[i, t] for i in meetings[p] if (i, t) in x]
            if not here:
                busy.append(None); continue
            v = m.NewBoolVar("")
            m.Add(sum(here) == v)
            busy.append(v)
        # Implied: busy in as many slots as the participant has meetings (the paper adds it
        # to every model; so does Baylink's formula).
        if meetings[p]:
            m.Add(sum(v for v in busy if v is not None) == len(meetings[p]))
        if len(meetings[p]) < 2:
            nbs.append(0); continue
        # later[t]: busy in some slot after t (0-based)
        later = [None] * T
        for t in range(T - 2, -1, -1):
            parts = [v for v in (busy[t + 1], later[t + 1]) if v is not None]
            if not parts: continue
            if len(parts) == 1:
                later[t] = parts[0]; continue
            v = m.NewBoolVar("")
            m.AddMaxEquality(v, parts)
            later[t] = v
        starts = []
        for t in range(1, T - 1):
            if busy[t - 1] is None or later[t] is None: continue
            bs = m.NewBoolVar("")
            lits = [busy[t - 1], later[t]] + ([busy[t].Not()] if busy[t] is not None else [])
            m.AddBoolAnd(lits).OnlyEnforceIf(bs)
            m.AddBoolOr([l.Not() for l in lits]).OnlyEnforceIf(bs.Not())
            starts.append(bs)
        nb = m.NewIntVar(0, len(starts), "")
        m.Add(nb == sum(starts))
        nbs.append(nb)
        total.extend(starts)
    hi = m.NewIntVar(0, T, ""); lo = m.NewIntVar(0, T, "")
    m.AddMaxEquality(hi, nbs); m.AddMinEquality(lo, nbs)
    m.Add(hi - lo <= d)
    m.Minimize(sum(total))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    solver.parameters.log_search_progress = False
    started = time.time()
    trace = []
    class CB(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self):
            trace.append((round(time.time() - started, 2), int(self.ObjectiveValue())))
    status = solver.Solve(m, CB())
    return solver.StatusName(status), solver.ObjectiveValue() if trace else None, solver.BestObjectiveBound(), round(time.time() - started, 2), trace

if __name__ == "__main__":
    limit = float(sys.argv[1])
    workers = int(sys.argv[2])
    for path in sys.argv[3:]:
        st, obj, bound, secs, trace = solve(path, limit, workers=workers)
        print(json.dumps({"instance": path.split("/")[-1], "status": st, "breaks": obj,
                          "bound": bound, "seconds": secs, "first": trace[0] if trace else None}),
              flush=True)
