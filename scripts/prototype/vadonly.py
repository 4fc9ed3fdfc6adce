from exp import *
X,y=load_train('en'); V=vader_feats(X)
for feats in ["vader4"]:
    cal=Calib().fit(V,y)
    for s in ["en","en-vader-tweets","en-vader-movies","en-vader-amazon","en-vader-nyt"]:
        Xd,yd=load_dev(s); print(s, round(macro_f1(yd,cal.predict(vader_feats(Xd)),"3c"),3))
