using System.Collections.Frozen;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Compilation;

/// <summary>
/// The pieces one compilation made that the next compilation of the same map may take again
/// instead of making them anew: field layouts (by their fields and types), compiled scripts (by id,
/// text and layout) and named lists (by path and exact bytes). A piece is taken only when
/// everything it was made from is equal, and only pieces made without a diagnostic are kept, so a
/// compilation that reuses gives the plan and the diagnostics a fresh one gives. A memo holds the
/// pieces of one compilation: <see cref="After"/> starts the next one, which looks up the previous
/// pieces and keeps only those it used or made (so memory follows the map, not its history).
/// </summary>
internal sealed class CompileMemo
{
    private readonly CompileMemo? _previous;
    private readonly Dictionary<string, RowLayout> _layouts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Id, string Text, RowLayout Layout), CompiledScript> _scripts = [];
    private readonly Dictionary<string, (byte[] Bytes, FrozenSet<string> Members)> _lists = new(StringComparer.Ordinal);

    private CompileMemo(CompileMemo? previous) => _previous = previous;

    /// <summary>A memo with nothing to reuse.</summary>
    public static CompileMemo First() => new(null);

    /// <summary>The memo of the next compilation, which may reuse the pieces of <paramref name="previous"/> (null: none).</summary>
    public static CompileMemo After(CompileMemo? previous) => new(previous?.Kept());

    /// <summary>This memo without its link to the one before: what is kept for the next compilation.</summary>
    public CompileMemo Kept()
    {
        if (_previous is null)
        {
            return this;
        }

        var own = new CompileMemo(null);
        foreach (var (k, v) in _layouts)
        {
            own._layouts[k] = v;
        }

        foreach (var (k, v) in _scripts)
        {
            own._scripts[k] = v;
        }

        foreach (var (k, v) in _lists)
        {
            own._lists[k] = v;
        }

        return own;
    }

    /// <summary>The layout of <paramref name="fields"/>: the previous compilation's instance when its fields and types were the same.</summary>
    public RowLayout Layout(string role, IReadOnlyList<(string Name, Model.FieldType Type)> fields)
    {
        var key = role + "\n" + string.Join("\n", fields.Select(f => $"{f.Name}:{f.Type.Kind}:{f.Type.Optional}"));
        if (!_layouts.TryGetValue(key, out var layout))
        {
            layout = _previous?._layouts.GetValueOrDefault(key) ?? new RowLayout(fields);
            _layouts[key] = layout;
        }

        return layout;
    }

    public bool TryScript(string id, string text, RowLayout layout, out CompiledScript script)
    {
        var key = (id, text, layout);
        if (_scripts.TryGetValue(key, out script!) || _previous?._scripts.TryGetValue(key, out script!) == true)
        {
            _scripts[key] = script;
            return true;
        }

        return false;
    }

    public void AddScript(string id, string text, RowLayout layout, CompiledScript script) => _scripts[(id, text, layout)] = script;

    public bool TryList(string fullPath, byte[] bytes, out FrozenSet<string> members)
    {
        foreach (var memo in new[] { this, _previous })
        {
            if (memo is not null && memo._lists.TryGetValue(fullPath, out var kept) && bytes.AsSpan().SequenceEqual(kept.Bytes))
            {
                _lists[fullPath] = kept;
                members = kept.Members;
                return true;
            }
        }

        members = null!;
        return false;
    }

    public void AddList(string fullPath, byte[] bytes, FrozenSet<string> members) => _lists[fullPath] = (bytes, members);
}
