using Decisioning.Compilation;
using Decisioning.Diagnostics;
using Decisioning.Files;
using Decisioning.Parsing;
using Decisioning.Plan;
using Decisioning.Validation;

namespace Decisioning.Loading;

/// <summary>
/// What a load of one map source keeps for the next load of the same source, so that a hot reload
/// redoes only what changed: the previous load's result with every file it read (returned again when
/// not one byte of them changed), each map file's YAML tree keyed by the file's bytes, and the
/// compiler's pieces (<see cref="CompileMemo"/>). Only the previous version of a source is kept, and
/// only for the last <see cref="Capacity"/> sources, so memory stays bounded however often and
/// however many maps are reloaded. Nothing is served on a key weaker than the exact bytes: a reload
/// gives what a cold load of the same files gives. Thread-safe: a load reads one immutable
/// <see cref="LoadMemo"/> and replaces it when done.
/// </summary>
internal sealed class MapReuse
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(string Source, LoadMemo Memo)> _recent = new();

    /// <param name="capacity">How many map sources to remember, the least recently loaded forgotten first.</param>
    public MapReuse(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>The store every load uses unless its <c>MapLoadOptions</c> says otherwise.</summary>
    public static MapReuse Shared { get; } = new();

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _recent.Count;
            }
        }
    }

    /// <summary>The previous load of <paramref name="source"/>, if it is remembered.</summary>
    public LoadMemo? Previous(string source)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Source == source)
                {
                    return node.Value.Memo;
                }
            }

            return null;
        }
    }

    /// <summary>Remembers <paramref name="memo"/> as the latest load of <paramref name="source"/>, replacing the one before.</summary>
    public void Keep(string source, LoadMemo memo)
    {
        lock (_gate)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Source == source)
                {
                    _recent.Remove(node);
                    break;
                }
            }

            _recent.AddFirst((source, memo));
            while (_recent.Count > Capacity)
            {
                _recent.RemoveLast();
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _recent.Clear();
        }
    }
}

/// <summary>One file as a load read it: its full path and exact bytes.</summary>
internal sealed record FileRead(string FullPath, byte[] Bytes)
{
    public bool SameBytes(byte[] bytes) => bytes.AsSpan().SequenceEqual(Bytes);
}

/// <summary>A map file's text and YAML tree (null for an empty file), kept only when the file parsed without a diagnostic.</summary>
internal sealed record ParsedFile(string Display, byte[] Bytes, string Text, YamlNode? Tree);

/// <summary>
/// The previous load of one source. <see cref="Result"/> is set when that load succeeded: with
/// <see cref="MapReads"/> and <see cref="OtherReads"/> (every file it read) it is returned as it is when
/// every one of those files still holds the same bytes and the load is asked with the same options.
/// </summary>
internal sealed record LoadMemo(
    IReadOnlyList<ParsedFile> Parsed,
    LoadPieces Pieces,
    LoadResult? Result,
    IReadOnlyList<FileRead> MapReads,
    IReadOnlyList<FileRead> OtherReads,
    MapLoadOptions Options)
{
    /// <summary>
    /// The tree of <paramref name="display"/> when the previous load parsed these very bytes without a
    /// diagnostic, or when only one list item of it changed (<see cref="YamlPatch"/>).
    /// </summary>
    public bool TryTree(string display, byte[] bytes, string text, out YamlNode? tree)
    {
        foreach (var file in Parsed)
        {
            if (file.Display != display)
            {
                continue;
            }

            if (bytes.AsSpan().SequenceEqual(file.Bytes))
            {
                tree = file.Tree;
                return true;
            }

            tree = YamlPatch.Apply(file.Text, file.Tree, text, display);
            return tree is not null;
        }

        tree = null;
        return false;
    }
}

/// <summary>
/// One load's side of <see cref="MapReuse"/>: it takes the previous load's trees and pieces while
/// the loader reads, returns the previous result when nothing it read has changed, and leaves its
/// own memo for the next load.
/// </summary>
internal sealed class Reload
{
    private readonly MapReuse? _store;
    private readonly string _key;
    private readonly LoadMemo? _previous;
    private readonly MapLoadOptions _options;
    private readonly MapSourceFiles _sources;
    private readonly List<ParsedFile> _parsed = [];

    private Reload(MapReuse? store, string key, MapLoadOptions options, MapSourceFiles sources)
    {
        _store = store;
        _key = key;
        _previous = store?.Previous(key);
        _options = options;
        _sources = sources;
    }

    /// <summary>A load of the source <paramref name="key"/> (its full path and whatever else names its files in diagnostics).</summary>
    public static Reload Start(MapLoadOptions options, string key, MapSourceFiles sources) => new(options.Reuse, key, options, sources);

    /// <summary>The YAML tree of a map file: the previous load's when it parsed these very bytes without a diagnostic.</summary>
    public YamlNode? Tree(string display, byte[] bytes, string text, DiagnosticBag diagnostics)
    {
        if (_previous is not null && _previous.TryTree(display, bytes, text, out var kept))
        {
            _parsed.Add(new ParsedFile(display, bytes, text, kept));
            return kept;
        }

        var before = diagnostics.Items.Count;
        var tree = YamlTreeReader.Read(text, display, diagnostics);
        if (diagnostics.Items.Count == before)
        {
            _parsed.Add(new ParsedFile(display, bytes, text, tree));
        }

        return tree;
    }

    /// <summary>
    /// The previous result when the map files read (<paramref name="mapReads"/>) and every other file
    /// the previous load read (lists, model states) hold the same bytes; otherwise <paramref name="load"/>
    /// with the previous compilation's pieces. Either way the source's memo is brought up to date.
    /// </summary>
    public LoadResult Finish(
        DiagnosticBag diagnostics, IReadOnlyList<(string FullPath, byte[] Bytes)> mapReads, Func<LoadPieces, LoadResult> load)
    {
        if (Unchanged(diagnostics, mapReads) is { } same)
        {
            _store!.Keep(_key, _previous!);
            return same;
        }

        var otherStart = _sources.Reads.Count;
        var pieces = _previous?.Pieces.Next() ?? LoadPieces.First();
        var result = load(pieces);
        _store?.Keep(_key, new LoadMemo(
            _parsed,
            pieces.Kept(),
            result.Success ? result : null,
            [.. mapReads.Select(r => new FileRead(r.FullPath, r.Bytes))],
            [.. _sources.Reads.Skip(otherStart).Select(r => new FileRead(r.FullPath, r.Bytes))],
            _options));
        return result;
    }

    private LoadResult? Unchanged(DiagnosticBag diagnostics, IReadOnlyList<(string FullPath, byte[] Bytes)> mapReads)
    {
        if (_previous?.Result is not { } result || diagnostics.Items.Count > 0 || _previous.Options != _options ||
            _previous.MapReads.Count != mapReads.Count)
        {
            return null;
        }

        for (var i = 0; i < mapReads.Count; i++)
        {
            if (_previous.MapReads[i].FullPath != mapReads[i].FullPath || !_previous.MapReads[i].SameBytes(mapReads[i].Bytes))
            {
                return null;
            }
        }

        // The lists and state files are read again as the compiler reads them (inside the map's
        // folder); a file gone or refused is a change, which the full load then reports (reading it
        // again: the hash covers the bytes read last).
        foreach (var other in _previous.OtherReads)
        {
            try
            {
                if (!other.SameBytes(_sources.ReadInside(other.FullPath)))
                {
                    return null;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or MapFileRefusedException)
            {
                return null;
            }
        }

        return result;
    }
}

/// <summary>
/// What the stages after YAML take from the previous load of a source: the declarations read from
/// unchanged list items, the validator and the failures of unchanged declarations, and the
/// compiler's pieces. <see cref="Validation"/> is set by the load that uses them.
/// </summary>
internal sealed class LoadPieces(
    ReuseTable<(YamlNode Node, string Section), (object? Declaration, Diagnostic[] Diagnostics)> read, ValidationMemo? validation, CompileMemo compile)
{
    public ReuseTable<(YamlNode Node, string Section), (object? Declaration, Diagnostic[] Diagnostics)> Read { get; } = read;

    /// <summary>The previous load's validation when read; this load's once it has validated.</summary>
    public ValidationMemo? Validation { get; set; } = validation;

    public CompileMemo Compile { get; } = compile;

    /// <summary>Nothing to reuse.</summary>
    public static LoadPieces First() => new(new(SectionReader.ItemKeys), null, CompileMemo.First());

    /// <summary>The pieces of the next load, which may take this load's.</summary>
    public LoadPieces Next() => new(Read.Next(), Validation?.Next(), Compile.Next());

    /// <summary>This load's pieces alone: what is kept.</summary>
    public LoadPieces Kept() => new(Read.Kept(), Validation?.Kept(), Compile.Kept());
}
