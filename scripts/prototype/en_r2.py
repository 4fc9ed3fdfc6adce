from en_resid import *
def sentf(F):
    B = base10(F); return np.column_stack([B, F[:, 8], F[:, 9], F[:, 8] - F[:, 9]])
if __name__ == "__main__":
    evaluate(lambda: Model(sentf, None, None), "base10+sent (no units)")
    for md in [2, 3, 5]:
        for lam in [1e-2, 3e-3]:
            evaluate(lambda: Model(base10, lam, lam, mindf=md), f"both lam={lam} mindf={md}")
    for lam in [1e-2, 3e-3]:
        evaluate(lambda: Model(sentf, lam, lam), f"sent+both lam={lam}")
    evaluate(lambda: Model(base10, 3e-3, 3e-2), f"both p3e-3 s3e-2")
    evaluate(lambda: Model(base10, 1e-2, 3e-2), f"both p1e-2 s3e-2")
    evaluate(lambda: Model(base10, 3e-2, 1e-2), f"both p3e-2 s1e-2")
