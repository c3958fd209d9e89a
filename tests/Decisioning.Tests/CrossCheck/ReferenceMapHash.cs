using System.Security.Cryptography;
using System.Text;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// Spec section 13's map hash written out again without the engine's code: the files' records
/// (<c>path \0 length \0 bytes</c>) concatenated in ordinal path order, then one SHA-256.
/// </summary>
public static class ReferenceMapHash
{
    /// <summary>The hash of a map file <paramref name="mapFile"/> with <paramref name="text"/>, and its list files (path relative to the map, text), all UTF-8.</summary>
    public static string Of(string mapFile, string text, IReadOnlyDictionary<string, string> lists)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { [mapFile] = Encoding.UTF8.GetBytes(text) };
        foreach (var (path, list) in lists)
        {
            files[path] = Encoding.UTF8.GetBytes(list);
        }

        var all = new List<byte>();
        foreach (var (path, bytes) in files)
        {
            all.AddRange(Encoding.UTF8.GetBytes(path));
            all.Add(0);
            all.AddRange(Encoding.ASCII.GetBytes(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            all.Add(0);
            all.AddRange(bytes);
        }

        return "sha256:" + string.Concat(SHA256.HashData([.. all]).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
