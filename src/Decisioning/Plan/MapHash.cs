using Decisioning.Files;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Decisioning.Plan;

/// <summary>
/// The identity of a map's content: <c>sha256:</c> and the lowercase hex SHA-256 over the map's
/// files (its YAML files and every list file it names), ordered by their path relative to the map
/// folder (ordinal, <c>/</c> separators), each contributing
/// <c>path + "\0" + decimal byte length + "\0" + bytes</c>. Two maps with the same hash decide alike;
/// every decision carries it, and an interaction history stores it to find the map again.
/// </summary>
public static class MapHash
{
    /// <summary>The prefix of every map hash.</summary>
    public const string Prefix = "sha256:";

    /// <summary>The hash of the given files (relative path with <c>/</c> separators, exact bytes), in any order.</summary>
    public static string Compute(IEnumerable<(string Path, byte[] Bytes)> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> zero = [0];
        foreach (var (path, bytes) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(path));
            sha.AppendData(zero);
            sha.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture)));
            sha.AppendData(zero);
            sha.AppendData(bytes);
        }

        return Prefix + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>
/// The files of one load as they were read, for <see cref="MapHash"/>: each file is hashed from the
/// very bytes the loader parsed, so a file changing during a load cannot give a hash of other content.
/// </summary>
internal sealed class MapSourceFiles(string folder)
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly List<(string FullPath, byte[] Bytes)> _reads = [];
    private string? _realFolder;

    /// <summary>The full path of the map folder (a single-file map's directory).</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Reads the map file the user named (MapFileRules: regular, a link followed) and remembers its bytes.</summary>
    public byte[] Read(string fullPath) => Remember(fullPath, MapFileRules.ReadRegular(fullPath, Parsing.SourceText.MaxBytes));

    /// <summary>
    /// Reads a file of a map folder, or a file the map names, and remembers its bytes under its path
    /// relative to the folder: MapFileRules keep it inside the folder, regular and bounded.
    /// </summary>
    public byte[] ReadInside(string fullPath) => Remember(fullPath, MapFileRules.ReadInside(Folder, fullPath, _realFolder ??= MapFileRules.RealPath(Folder)));

    /// <summary>Every file read through <see cref="Read"/> and <see cref="ReadInside"/>, in the order read (what a reload compares).</summary>
    public IReadOnlyList<(string FullPath, byte[] Bytes)> Reads => _reads;

    private byte[] Remember(string fullPath, byte[] bytes)
    {
        Add(fullPath, bytes);
        _reads.Add((fullPath, bytes));
        return bytes;
    }

    /// <summary>Remembers bytes read elsewhere (a map given as text).</summary>
    public void Add(string fullPath, byte[] bytes) =>
        _files[Path.GetRelativePath(Folder, Path.GetFullPath(fullPath)).Replace('\\', '/')] = bytes;

    public string Hash() => MapHash.Compute(_files.Select(f => (f.Key, f.Value)));

    /// <summary>The hash of the YAML files only (not the named lists): see <c>DecisionPlan.DefinitionHash</c>.</summary>
    public string DefinitionHash() => MapHash.Compute(_files
        .Where(f => f.Key.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.Key.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        .Select(f => (f.Key, f.Value)));
}
