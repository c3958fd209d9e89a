using System.Collections.Frozen;
using Decisioning.Diagnostics;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Compilation;

/// <summary>
/// The pieces one compilation made that the next compilation of the same map may take again
/// instead of making them anew: field layouts (by their fields and types), compiled scripts (by id,
/// text and layout), named lists (by path and exact bytes), and plan parts (a tier, a segment, a
/// product, a channel, a scenario, a model, a strategy) by the very declaration they were compiled
/// from, when everything else they were made from is the same (<see cref="Context"/>). A piece is
/// taken only when everything it was made from is equal, and only pieces made without a diagnostic
/// are kept, so a compilation that reuses gives the plan and the diagnostics a fresh one gives.
/// </summary>
internal sealed class CompileMemo
{
    private readonly ReuseTable<string, RowLayout> _layouts;
    private readonly ReuseTable<(string Id, string Text, RowLayout Layout), CompiledScript> _scripts;
    private readonly ReuseTable<string, (byte[] Bytes, FrozenSet<string> Members)> _lists;
    private readonly ReuseTable<(object Declaration, int Index), object> _parts;
    private readonly ReuseTable<(object Declaration, int Index), object> _strategies;
    private readonly object[]? _previousContext;
    private readonly object[]? _previousStrategyContext;

    private CompileMemo(
        ReuseTable<string, RowLayout> layouts, ReuseTable<(string, string, RowLayout), CompiledScript> scripts,
        ReuseTable<string, (byte[], FrozenSet<string>)> lists, ReuseTable<(object, int), object> parts, ReuseTable<(object, int), object> strategies,
        object[]? previousContext, object[]? previousStrategyContext)
    {
        _layouts = layouts;
        _scripts = scripts;
        _lists = lists;
        _parts = parts;
        _strategies = strategies;
        _previousContext = previousContext;
        _previousStrategyContext = previousStrategyContext;
    }

    /// <summary>A memo with nothing to reuse.</summary>
    public static CompileMemo First() =>
        new(new(StringComparer.Ordinal), new(), new(StringComparer.Ordinal), new(new PartKeys()), new(new PartKeys()), null, null);

    /// <summary>
    /// What a plan part was compiled against, besides its declaration: the layouts, the expression
    /// cache, the host's models, the fields that did not resolve. Parts are reused only by a
    /// compilation whose context holds the very same objects.
    /// </summary>
    public object[]? Context { get; private set; }

    /// <summary>The parts a strategy may name (segments, objectives, scenarios, products, channels, scripts, models).</summary>
    public object[]? StrategyContext { get; private set; }

    /// <summary>The memo of the next compilation, which may reuse this one's pieces (and no older ones).</summary>
    public CompileMemo Next() => new(_layouts.Next(), _scripts.Next(), _lists.Next(), _parts.Next(), _strategies.Next(), Context, StrategyContext);

    /// <summary>This memo without the previous compilation's pieces: what is kept for the next one.</summary>
    public CompileMemo Kept() =>
        new(_layouts.Kept(), _scripts.Kept(), _lists.Kept(), _parts.Kept(), _strategies.Kept(), null, null) { Context = Context, StrategyContext = StrategyContext };

    /// <summary>The layout of <paramref name="fields"/>: the previous compilation's instance when its fields and types were the same.</summary>
    public RowLayout Layout(string role, IReadOnlyList<(string Name, Model.FieldType Type)> fields)
    {
        var key = role + "\n" + string.Join("\n", fields.Select(f => $"{f.Name}:{f.Type.Kind}:{f.Type.Optional}"));
        if (!_layouts.TryGet(key, out var layout))
        {
            layout = new RowLayout(fields);
            _layouts.Add(key, layout);
        }

        return layout;
    }

    /// <summary>Sets this compilation's context; parts of the previous one stay reusable only if it holds the same objects.</summary>
    public void SetContext(object[] context)
    {
        Context = context;
        if (!Same(context, _previousContext))
        {
            _parts.Forget();
        }
    }

    /// <summary>Sets what strategies are compiled against; the previous strategies stay reusable only if it holds the same parts.</summary>
    public void SetStrategyContext(object[] context)
    {
        StrategyContext = context;
        if (!Same(context, _previousStrategyContext))
        {
            _strategies.Forget();
        }
    }

    // The same objects (text by value), in the same order.
    private static bool Same(object[] now, object[]? before)
    {
        if (before is null || before.Length != now.Length)
        {
            return false;
        }

        for (var i = 0; i < now.Length; i++)
        {
            if (!(ReferenceEquals(now[i], before[i]) || (now[i] is string or ObjectivePlan && Equals(now[i], before[i]))))
            {
                return false;
            }
        }

        return true;
    }

    public bool TryScript(string id, string text, RowLayout layout, out CompiledScript script) => _scripts.TryGet((id, text, layout), out script);

    public void AddScript(string id, string text, RowLayout layout, CompiledScript script) => _scripts.Add((id, text, layout), script);

    public bool TryList(string fullPath, byte[] bytes, out FrozenSet<string> members)
    {
        if (_lists.TryGet(fullPath, out var kept) && bytes.AsSpan().SequenceEqual(kept.Bytes))
        {
            members = kept.Members;
            return true;
        }

        members = null!;
        return false;
    }

    public void AddList(string fullPath, byte[] bytes, FrozenSet<string> members) => _lists.Add(fullPath, (bytes, members));

    /// <summary>
    /// The part compiled from <paramref name="declaration"/> (at <paramref name="index"/> in its
    /// section) by the previous compilation, or <paramref name="compile"/>'s, kept when it added no diagnostic.
    /// </summary>
    public T? Part<T>(object declaration, int index, DiagnosticBag diagnostics, Func<T?> compile)
        where T : class => Take(_parts, declaration, index, diagnostics, compile);

    /// <summary>As <see cref="Part"/>, for a strategy (reused only while <see cref="StrategyContext"/> is the same).</summary>
    public T? Strategy<T>(object declaration, int index, DiagnosticBag diagnostics, Func<T?> compile)
        where T : class => Take(_strategies, declaration, index, diagnostics, compile);

    private static T? Take<T>(ReuseTable<(object, int), object> table, object declaration, int index, DiagnosticBag diagnostics, Func<T?> compile)
        where T : class
    {
        if (table.TryGet((declaration, index), out var kept))
        {
            return (T)kept;
        }

        var before = diagnostics.Items.Count;
        var part = compile();
        if (part is not null && diagnostics.Items.Count == before)
        {
            table.Add((declaration, index), part);
        }

        return part;
    }

    // A declaration by reference (the same object: the same YAML node read), its index by value.
    private sealed class PartKeys : IEqualityComparer<(object Declaration, int Index)>
    {
        public bool Equals((object Declaration, int Index) x, (object Declaration, int Index) y) =>
            ReferenceEquals(x.Declaration, y.Declaration) && x.Index == y.Index;

        public int GetHashCode((object Declaration, int Index) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Declaration), key.Index);
    }
}
