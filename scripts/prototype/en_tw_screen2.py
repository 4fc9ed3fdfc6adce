"""Second-stage screen: extra features on top of the chosen has-'?'/has-'!' pair, CV paired against it."""
from en_tw_screen import *
EMO = re.compile(r"(?:^|\s)(?:[:;=8][-o^']?[)(\]\[dDpP/\\|*]|<3|\^_?\^|[)(][-o]?[:;=])(?=\s|$)")
EXTRA["emot"] = surf(lambda t: bool(EMO.search(t)))
QE = lambda s: np.hstack([base(s), EXTRA["q+excl"](s)])
if __name__ == "__main__":
    b_m, b_se, b_s = cv(QE)
    print(f"{'q+excl':22s} cv={b_m:.4f}±{b_se:.4f}  " + " ".join(f"{v:.4f}" for v in dev(QE).values()), flush=True)
    for nm in sys.argv[1:]:
        g = EXTRA[nm]; bf = (lambda g: lambda s: np.hstack([QE(s), g(s)]))(g)
        m, se, s = cv(bf); d = s - b_s
        print(f"q+excl + {nm:13s} cv={m:.4f}±{se:.4f} Δ={d.mean():+.4f}±{d.std(ddof=1)/np.sqrt(len(d)):.4f}  " +
              " ".join(f"{v:.4f}" for v in dev(bf).values()), flush=True)
