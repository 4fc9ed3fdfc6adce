from en_resid import *
import en_resid
m0 = Model(base10, None, None).fit(XTR, *TR)
m1 = Model(base10, 1e-2, 1e-2).fit(XTR, *TR)
# weights
th = m1.pl
inv = {j: u for u, j in m1.vec.vocab.items()}
# recover p,s via probing unit vectors
V = len(m1.keep); I = sp.identity(V, format="csr"); Z0 = np.zeros((V, 10)) 
L = m1.pl(np.zeros((V, 9)), I, I*0) ; Lb = m1.pl(np.zeros((1, 9)), sp.csr_matrix((1, V)), sp.csr_matrix((1, V)))
pol = (L[:, 0] - L[:, 1] - (Lb[0, 0] - Lb[0, 1])) / 2
L2 = m1.pl(np.zeros((V, 9)), I*0, I); sec = (L2[:, 0] - Lb[0, 0])
names = [inv[m1.keep[j]] for j in range(V)]
o = np.argsort(pol); print("NEG pol:", [(names[j], round(pol[j], 2)) for j in o[:30]])
print("POS pol:", [(names[j], round(pol[j], 2)) for j in o[-30:]])
o = np.argsort(sec); print("NEU-ish sec:", [(names[j], round(sec[j], 2)) for j in o[:30]])
print("SUBJ sec:", [(names[j], round(sec[j], 2)) for j in o[-30:]])
s = "en-vader-amazon"; Xd = XDEV[s]; Fd, yd = DEV[s]
p0 = m0.predict(Xd, Fd); p1 = m1.predict(Xd, Fd)
from sklearn.metrics import confusion_matrix
print(confusion_matrix(yd, p0)); print(confusion_matrix(yd, p1))
bad = np.where((p0 == yd) & (p1 != yd))[0]
for i in bad[:25]: print(LABELS[yd[i]], "->", LABELS[p1[i]], Xd[i][:150])
