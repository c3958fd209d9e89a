using Decisioning.Diagnostics;
using Decisioning.Model;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Compilation;

/// <summary>
/// Turns a validated <see cref="MapDocument"/> into a <see cref="DecisionPlan"/>. It compiles
/// every expression and script even when validation found errors, so that one run reports all
/// problems; the plan itself is returned only when there are none.
/// </summary>
internal static class PlanCompiler
{
    public static DecisionPlan? Compile(
        MapDocument doc, IReadOnlyDictionary<string, IPropensityModel> hostModels, DiagnosticBag diagnostics, ExpressionCache? cache = null) =>
        Compile(doc, hostModels, diagnostics, cache, File.ReadAllBytes);

    /// <summary>As the public overload, with list and state files read by <paramref name="readList"/> (the loader's, which hashes them).</summary>
    internal static DecisionPlan? Compile(
        MapDocument doc, IReadOnlyDictionary<string, IPropensityModel> hostModels, DiagnosticBag diagnostics, ExpressionCache? cache,
        Func<string, byte[]> readList, CompileMemo? memo = null)
    {
        // A hot reload takes the previous load's pieces whose inputs are equal (CompileMemo); the
        // layouts first, since compiled expressions and scripts are kept per layout.
        memo ??= CompileMemo.First();
        var customer = memo.Layout("customer", [.. Typed(doc.Customer.Fields)]);
        var events = doc.Customer.Events
            .GroupBy(e => e.Id.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => memo.Layout("event " + g.Key, [.. Typed(g.First().Fields)]), StringComparer.Ordinal);

        NamedRule? Rule(RuleDecl r, ExpressionScope scope) =>
            r.Id is { } id && r.When is { } when && ExpressionCompiler.Compile(when, scope, diagnostics) is { } c
                ? new NamedRule(id.Value, c)
                : null;

        var unresolved = doc.Customer.Fields.Where(f => !FieldType.TryParse(f.Type.Value, out _)).Select(f => f.Name.Value).ToHashSet();
        // What every part below is compiled against besides its own declaration: a part of the
        // previous compilation is taken again only when this is the same.
        memo.SetContext([customer, .. events.Values, string.Join("\n", unresolved.Order(StringComparer.Ordinal)), cache ?? (object)"", hostModels]);
        var first = ExpressionScope.ForTiers(customer, unresolved, cache);
        var tiers = doc.Tiers.Select((t, i) => memo.Part(t, i, diagnostics, () => Rule(t, first))).ToList();
        var stages = doc.Lifecycle.Select((t, i) => memo.Part(t, i, diagnostics, () => Rule(t, first.ForLifecycle()))).ToList();
        // A list segment is read again every time: its file may have changed (its members are kept by bytes).
        var segments = doc.Segments.Select((s, i) => s.List is null
            ? memo.Part(s, i, diagnostics, () => Segment(s, first.ForSegments(), diagnostics, readList, memo))
            : Segment(s, first.ForSegments(), diagnostics, readList, memo)).ToList();
        var later = first.ForStrategies();

        var objectives = doc.Objectives.Where(o => o.Id is not null).GroupBy(o => o.Id!.Value.Value)
            .ToDictionary(g => g.Key, g => new ObjectivePlan(g.Key, g.First().Kind?.Value ?? MapDefaults.ObjectiveKind, g.First().Weight?.Value ?? MapDefaults.ObjectiveWeight));
        var products = doc.Products.Select((p, i) => memo.Part(p, i, diagnostics, () => Product(p, later, diagnostics))).ToList();
        var channels = doc.Channels.Select((c, i) => memo.Part(c, i, diagnostics, () => Channel(c, i, later, diagnostics))).ToList();
        var scripts = doc.Scripts
            .Where(s => s.Id is not null && s.Text is not null)
            .Select(s => Script(s.Id!.Value.Value, s.Text!.Value, customer, diagnostics, memo))
            .OfType<CompiledScript>()
            .GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var scenarios = doc.Scenarios.Select((s, i) => memo.Part(s, i, diagnostics, () => Scenario(s, later, events, diagnostics))).OfType<ScenarioPlan>()
            .GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // A model id given twice is DM021 (validation); the first stands, as for every other section (found by FuzzTests).
        // An adaptive model reads its state file, which may have changed: it is compiled again every time.
        var models = doc.Models.Select((m, i) => m.Kind?.Value == "adaptive"
                ? Model(m, customer, hostModels, diagnostics, readList)
                : memo.Part(m, i, diagnostics, () => Model(m, customer, hostModels, diagnostics, readList)))
            .OfType<PropensityPlan>()
            .GroupBy(ModelId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var context = new StrategyContext(
            segments.OfType<SegmentPlan>().Select((s, i) => (s.Id, i)).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().i),
            objectives,
            scenarios,
            products.OfType<ProductPlan>().GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First()),
            channels.OfType<ChannelPlan>().GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First()),
            scripts,
            models);
        // A strategy is compiled against every part it may name: taken again only when they are all the very same.
        memo.SetStrategyContext([
            string.Join("\n", context.Segments.Select(x => $"{x.Key}={x.Value}")),
            .. objectives.Values, .. scenarios.Values, .. context.Products.Values, .. context.Channels.Values, .. scripts.Values, .. models.Values,
        ]);
        var strategies = doc.Strategies.Select((s, i) => memo.Strategy(s, i, diagnostics, () => StrategyCompiler.Compile(s, i, context, later, diagnostics))).ToList();

        if (diagnostics.HasErrors)
        {
            return null;
        }

        var experiment = doc.Experiment is { } e
            ? new ExperimentPlan(
                e.Id!.Value.Value,
                e.Control!.Value.Value,
                Enum.Parse<ControlPolicy>(e.ControlPolicy?.Value ?? MapDefaults.ControlPolicy, ignoreCase: true),
                e.Salt?.Value ?? e.Id!.Value.Value)
            : null;

        return new DecisionPlan
        {
            MapId = doc.Id!.Value.Value,
            Version = doc.Version?.Value ?? "",
            IdField = doc.Customer.IdField?.Value ?? MapDefaults.IdField,
            Customer = customer,
            Events = events,
            Tiers = tiers.OfType<NamedRule>().ToList(),
            Stages = stages.OfType<NamedRule>().ToList(),
            Segments = segments.OfType<SegmentPlan>().ToList(),
            Products = products.OfType<ProductPlan>().ToList(),
            Channels = channels.OfType<ChannelPlan>().ToList(),
            Strategies = strategies.OfType<StrategyPlan>().ToList(),
            Arbitration = new ArbitrationPlan(
                (int)Math.Min(int.MaxValue, doc.Arbitration.MaxActions?.Value ?? MapDefaults.MaxActions),
                doc.Arbitration.OnePerProduct?.Value ?? MapDefaults.OnePerProduct,
                doc.Arbitration.OnePerChannel?.Value ?? MapDefaults.OnePerChannel,
                doc.Arbitration.Fallback is { } fallback ? strategies.FindIndex(s => s?.Id == fallback.Value) : -1),
            Suppression = [.. doc.Suppression.Select(Suppression).OfType<SuppressionPlan>()],
            Experiment = experiment,
        };
    }

    // A suppression rule; null when validation found it broken (then no plan is returned anyway).
    private static SuppressionPlan? Suppression(SuppressionDecl r)
    {
        if (r.Id is not { } id || r.Count is not { } count || r.Pause?.Value.Length is not { } pause)
        {
            return null;
        }

        TimeSpan? within = r.Within?.Value.Length;
        var kind = count.Value switch
        {
            "responded" => SuppressionCount.Responded,
            "declined" => SuppressionCount.Declined,
            "converted" => SuppressionCount.Converted,
            _ => SuppressionCount.Sent,
        };
        var scope = r.Scope?.Value switch
        {
            "product" => SuppressionScope.Product,
            "all" => SuppressionScope.All,
            _ => SuppressionScope.Strategy,
        };
        return new SuppressionPlan(id.Value, kind, count.Value, (int)Math.Clamp(r.AtLeast?.Value ?? MapDefaults.AtLeast, 1, int.MaxValue), within, scope, pause);
    }

    private static string ModelId(PropensityPlan p) => p switch
    {
        LogisticPropensity l => l.ModelId,
        HostPropensity h => h.ModelId,
        AdaptiveModelPlan a => a.ModelId,
        _ => "",
    };

    private static IEnumerable<(string, FieldType)> Typed(IEnumerable<FieldDecl> fields)
    {
        foreach (var f in fields)
        {
            if (FieldType.TryParse(f.Type.Value, out var type) && Syntax.IsFieldName(f.Name.Value))
            {
                yield return (f.Name.Value, type);
            }
        }
    }

    // A script compiled without a diagnostic is kept for the next load (the same id, text and layout compile alike).
    private static CompiledScript? Script(string id, Located<string> text, RowLayout customer, DiagnosticBag diagnostics, CompileMemo memo)
    {
        if (memo.TryScript(id, text.Value, customer, out var kept))
        {
            return kept;
        }

        var before = diagnostics.Items.Count;
        var script = ScriptCompiler.Compile(id, text, customer, diagnostics);
        if (script is not null && diagnostics.Items.Count == before)
        {
            memo.AddScript(id, text.Value, customer, script);
        }

        return script;
    }

    private static SegmentPlan? Segment(SegmentDecl s, ExpressionScope scope, DiagnosticBag diagnostics, Func<string, byte[]> readList, CompileMemo memo)
    {
        if (s.Id is not { } id)
        {
            return null;
        }

        if (s.List is { } list)
        {
            return NamedList.Read(list, diagnostics, readList, memo) is { } members
                ? new SegmentPlan(id.Value, null, members, list.Value)
                : null;
        }

        return s.When is { } when && ExpressionCompiler.Compile(when, scope, diagnostics) is { } c
            ? new SegmentPlan(id.Value, c, null, null)
            : null;
    }

    private static CompiledCondition? Optional(Located<string>? text, ExpressionScope scope, DiagnosticBag diagnostics, out bool failed)
    {
        failed = false;
        if (text is not { } t)
        {
            return null;
        }

        var compiled = ExpressionCompiler.Compile(t, scope, diagnostics);
        failed = compiled is null;
        return compiled;
    }

    private static ProductPlan? Product(ProductDecl p, ExpressionScope scope, DiagnosticBag diagnostics)
    {
        var eligible = Optional(p.Eligible, scope, diagnostics, out var failed);
        return p.Id is { } id && !failed
            ? new ProductPlan(id.Value, p.Name?.Value, p.Value?.Value ?? MapDefaults.ProductValue, eligible ?? CompiledCondition.True, p.Repeatable?.Value ?? MapDefaults.Repeatable)
            : null;
    }

    private static ChannelPlan? Channel(ChannelDecl c, int index, ExpressionScope scope, DiagnosticBag diagnostics)
    {
        var reachable = Optional(c.Reachable, scope, diagnostics, out var failed);
        if (c.Id is not { } id || failed)
        {
            return null;
        }

        TimeSpan? per = c.ContactPolicy?.Per?.Value.Length;
        int? max = c.ContactPolicy?.Max is { } m ? (int)Math.Clamp(m.Value, 0, int.MaxValue) : null;
        int? maxLength = c.MaxLength is { } l ? (int)Math.Clamp(l.Value, 0, int.MaxValue) : null;
        return new ChannelPlan(index, id.Value, c.Name?.Value, reachable ?? CompiledCondition.True,
            per is null ? null : max, max is null ? null : per, c.CapacityPerDay?.Value, maxLength);
    }

    private static ScenarioPlan? Scenario(
        ScenarioDecl s, ExpressionScope scope, IReadOnlyDictionary<string, RowLayout> events, DiagnosticBag diagnostics)
    {
        if (s.Id is not { } id || s.Kind is not { } kindText || !Enum.TryParse<ScenarioKind>(kindText.Value, true, out var kind))
        {
            return null;
        }

        CompiledCondition? when = null;
        if (kind == ScenarioKind.Event && s.When is { } w && s.Event is { } e && events.TryGetValue(e.Value, out var payload))
        {
            when = ExpressionCompiler.Compile(w, scope.WithEvent(payload), diagnostics);
            if (when is null)
            {
                return null;
            }
        }

        TimeSpan? within = s.Within?.Value.Length;
        return new ScenarioPlan(id.Value, kind,
            [.. s.Stages.Select(x => x.Value)], [.. s.Lacks.Select(x => x.Value)], [.. s.Holds.Select(x => x.Value)],
            s.Event?.Value, within, when);
    }

    private static PropensityPlan? Model(
        ModelDecl m, RowLayout customer, IReadOnlyDictionary<string, IPropensityModel> hostModels, DiagnosticBag diagnostics,
        Func<string, byte[]> readFile)
    {
        if (m.Id is not { } id)
        {
            return null;
        }

        return m.Kind?.Value switch
        {
            "logistic" => new LogisticPropensity(id.Value, m.Intercept?.Value ?? MapDefaults.Intercept,
                m.Coefficients
                    .Where(c => customer.Find(c.Field.Value) is { Type.IsNumericOrBool: true })
                    .Select(c => (customer.Find(c.Field.Value)!.Index, c.Weight.Value))
                    .ToList()),
            "host" when hostModels.TryGetValue(id.Value, out var host) => new HostPropensity(id.Value, host),
            "adaptive" when m.Adaptive is { } adaptive => AdaptiveCompiler.Compile(id.Value, adaptive, customer, diagnostics, readFile),
            _ => null,
        };
    }
}
