from en_sel import *
FAM["NEfilt_df3"] = lambda lam: (lambda: NormModel(base10, lam, lam, pw=0, filt=ne_filter, mindf=3))
FAM["NEfilt_sqrt"] = lambda lam: (lambda: NormModel(base10, lam, lam, pw=0.5, filt=ne_filter))
if __name__ == "__main__":
    import sys
    grid = [3e-2, 2e-2, 1e-2, 5e-3, 3e-3, 1e-3, 3e-4]
    for fam in sys.argv[1].split(","):
        res = []
        for lam in grid:
            cvm, se, _ = cvrep(FAM[fam](lam)); d = devrow(FAM[fam](lam)); res.append((lam, cvm, se, d))
            print(f"{fam:8s} lam={lam:<7g} cv={cvm:.4f} se={se:.4f} dev " + " ".join(f"{x:.3f}" for x in d), flush=True)
        best = max(res, key=lambda r: r[1]); thr = best[1] - best[2]
        pick = max([r for r in res if r[1] >= thr], key=lambda r: r[0])
        print(f"  {fam}: CV-best lam={best[0]} ; 1-SE pick lam={pick[0]}", flush=True)
