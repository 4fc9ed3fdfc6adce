from en_r3 import *
def sums(F):
    c = np.clip(F[:, 0], -0.9999, 0.9999); return c * np.sqrt(15 / (1 - c * c))
def fA(F):  # base10 + raw valence sum (inverse of compound) signed-log
    s = sums(F); return np.column_stack([base10(F), np.sign(s) * np.log1p(np.abs(s))])
def fB(F):  # base10 + pos/neg sums log
    return np.column_stack([base10(F), np.log1p(F[:, 4]), np.log1p(F[:, 5])])
def fC(F):  # base10 + nsw
    return np.column_stack([base10(F), np.log1p(F[:, 7])])
def fD(F):  # minimal: compound, |compound|, pos-str, neg-str, min
    B = base10(F); return B[:, [0, 1, 5, 6, 7]]
def fE(F):
    B = base10(F); return B[:, [0, 1, 2, 3, 4, 5, 6, 7]]
def fS(F):
    return np.column_stack([base10(F), F[:, 8], F[:, 9]])
if __name__ == "__main__":
    for nm, fn in [("base10", base10), ("A +sumlog", fA), ("B +possum/negsum", fB), ("C +nsw", fC), ("D min5", fD), ("E no-len", fE), ("S +sentmax/min", fS)]:
        evaluate(lambda: Model(fn, None, None), f"{nm}")
