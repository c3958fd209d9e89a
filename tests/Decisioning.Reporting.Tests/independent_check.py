# Independent check of report.json from the raw JSONL files, with scipy and numpy (spec section 6).
# Not run by CI. Usage (Debian: apt-get install -y python3-scipy python3-mpmath):
#   /usr/bin/python3 independent_check.py decisions.jsonl outcomes.jsonl report.json   (30d window)
# Prints the worst difference over every number checked. The t quantile comes from mpmath when it is
# installed (python3-mpmath): scipy's t.ppf is off by up to ~5e-9 relative at small df.
import json, sys, math
from datetime import datetime, timedelta
from scipy import stats
import numpy as np
dec_path, out_path, rep_path = sys.argv[1:4]
window = timedelta(days=30)
def t(s): return datetime.fromisoformat(s.replace('Z', '+00:00'))
cust = {}
exp_id = None; control_share = None
for line in open(dec_path, encoding='utf-8'):
    try: d = json.loads(line)
    except Exception: continue
    if not isinstance(d, dict) or 'error' in d: continue
    e = d.get('experiment')
    if not e: continue
    exp_id = exp_id or e['id']
    if e['id'] != exp_id: continue
    if control_share is None: control_share = e.get('control')
    g = e['group']; arms = d.get('counterfactual') if g == 'control' else d.get('actions')
    arm = (arms[0]['strategy'], arms[0].get('product')) if arms else None
    at = t(d['at'])
    if d['customerId'] not in cust or at < cust[d['customerId']]['at']:
        cust[d['customerId']] = dict(at=at, g=g, arm=arm, conv=False, resp=False, val=0.0, aconv=False, aresp=False, aval=0.0)
for line in open(out_path, encoding='utf-8'):
    try: o = json.loads(line)
    except Exception: continue
    c = cust.get(o.get('customerId'))
    if not c: continue
    at = t(o['at'])
    if not (c['at'] <= at <= c['at'] + window): continue
    forarm = c['arm'] is not None and c['arm'][1] is not None and o.get('product') == c['arm'][1]
    if o['kind'] == 'converted':
        c['conv'] = True; c['val'] += o.get('value') or 0
        if forarm: c['aconv'] = True; c['aval'] += o.get('value') or 0
    elif o['kind'] == 'responded':
        c['resp'] = True
        if forarm: c['aresp'] = True
z = stats.norm.ppf(0.975)
try:
    import mpmath as mp  # Debian: python3-mpmath. scipy's t.ppf is off by up to ~5e-9 relative at small df.
    mp.mp.dps = 30
    def t975(df):
        nu = mp.mpf(df)
        return float(mp.findroot(lambda x: 1 - mp.betainc(nu/2, mp.mpf(1)/2, 0, nu/(nu+x*x), regularized=True)/2 - mp.mpf('0.975'), 2.0))
except ImportError:
    def t975(df):
        return stats.t.ppf(0.975, df)
def safe(f):
    """f(), or None where spec section 6 says null (empty group, zero variance, p_c = 0)."""
    try:
        v = float(f())
        return v if math.isfinite(v) else None
    except (ZeroDivisionError, ValueError, FloatingPointError):
        return None
def comp(m, c, k):
    conv, val = ('aconv', 'aval') if k else ('conv', 'val')
    nm, nc = len(m), len(c); xm = sum(x[conv] for x in m); xc = sum(x[conv] for x in c)
    pm = xm/nm if nm else math.nan; pc = xc/nc if nc else math.nan; d = pm-pc
    se = math.sqrt(pm*(1-pm)/nm + pc*(1-pc)/nc) if nm and nc else math.nan
    P = (xm+xc)/(nm+nc) if nm+nc else math.nan
    r = safe(lambda: pm/pc-1); ser = safe(lambda: math.sqrt(pm*(1-pm)/(nm*pc**2) + pc*(1-pc)*pm**2/(nc*pc**4)))
    vm = np.array([x[val] for x in m]); vc = np.array([x[val] for x in c])
    var_m = safe(lambda: vm.var(ddof=1)) if nm > 1 else None; var_c = safe(lambda: vc.var(ddof=1)) if nc > 1 else None
    dv = safe(lambda: vm.mean()-vc.mean()) if nm and nc else None
    a = var_m/nm if var_m is not None else None; b = var_c/nc if var_c is not None else None
    sev = math.sqrt(a+b) if a is not None and b is not None and a+b > 0 else None
    df = safe(lambda: (a+b)**2/(a*a/(nm-1)+b*b/(nc-1))) if sev else None
    tq = t975(df) if df else None
    return {'conversion.absolute.estimate': safe(lambda: d),
            'conversion.absolute.low': safe(lambda: d-z*se) if se and se > 0 else None,
            'conversion.absolute.high': safe(lambda: d+z*se) if se and se > 0 else None,
            'conversion.pValue': safe(lambda: 2*stats.norm.sf(abs(d/math.sqrt(P*(1-P)*(1/nm+1/nc))))) if nm and nc and 0 < P < 1 else None,
            'conversion.relative.estimate': r,
            'conversion.relative.low': safe(lambda: r-z*ser) if r is not None and ser else None,
            'conversion.relative.high': safe(lambda: r+z*ser) if r is not None and ser else None,
            'conversion.incremental': safe(lambda: d*nm),
            'value.absolute.estimate': dv,
            'value.absolute.low': dv-tq*sev if tq else None, 'value.absolute.high': dv+tq*sev if tq else None,
            'value.df': df, 'value.pValue': float(stats.ttest_ind(vm, vc, equal_var=False).pvalue) if df else None,
            'value.incremental': dv*nm if dv is not None else None,
            'groups.model.valueVariance': var_m, 'groups.control.valueVariance': var_c,
            'groups.model.conversionRate': xm/nm if nm else None, 'groups.control.conversionRate': xc/nc if nc else None}
rep = json.load(open(rep_path))
def get(o, path):
    for k in path.split('.'): o = o[k]
    return o
worst = 0; n = 0
def check(obj, exp, label):
    global worst, n
    for k, v in exp.items():
        got = get(obj, k); n += 1
        if v is None or got is None:
            if v is not got: print('MISMATCH (null)', label, k, got, v)
            continue
        err = abs(got-v)/max(1, abs(v))
        if err > worst: worst = err
        if err > 1e-9: print('MISMATCH', label, k, got, v, err)
m = [x for x in cust.values() if x['g']=='model']; c = [x for x in cust.values() if x['g']=='control']
check(rep['overall'], comp(m, c, False), 'overall')
strategies = sorted({x['arm'][0] for x in cust.values() if x['arm']})
ps = []
for i, s in enumerate(strategies):
    assert rep['strategies'][i]['strategy'] == s
    e = comp([x for x in m if x['arm'] and x['arm'][0]==s], [x for x in c if x['arm'] and x['arm'][0]==s], True)
    check(rep['strategies'][i], e, s); ps.append(e['conversion.pValue'])
present = [i for i, p in enumerate(ps) if p is not None]
pa = np.array([ps[i] for i in present]); order = np.argsort(pa); q = pa[order]*len(pa)/np.arange(1, len(pa)+1)
q = np.minimum.accumulate(q[::-1])[::-1]; adj = np.empty(len(pa)); adj[order] = np.minimum(q, 1)
for j, i in enumerate(present):
    err = abs(rep['strategies'][i]['conversion']['pValueAdjusted'] - adj[j]); n += 1; worst = max(worst, err)
N = len(cust); em, ec = N*(1-control_share), N*control_share
chi = (len(m)-em)**2/em + (len(c)-ec)**2/ec
for k, v in {'chiSquare': chi, 'pValue': stats.chi2.sf(chi, 1)}.items():
    err = abs(rep['srm'][k]-v)/max(1, abs(v)); n += 1; worst = max(worst, err)
print(f'checked {n} numbers; worst relative/absolute difference {worst:.3g}; customers {N}')
