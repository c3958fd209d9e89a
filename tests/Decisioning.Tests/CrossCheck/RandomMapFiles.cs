using Decisioning.Loading;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// Renders a <see cref="RandomMap"/> and loads it through <see cref="MapLoader.LoadText"/>, with its
/// named lists written to a temporary folder next to the (virtual) map file.
/// </summary>
public static class RandomMapFiles
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "decisioning-crosscheck");

    /// <summary>The engine's load of the map, its YAML, and the map hash the reference works out from the files.</summary>
    public static (LoadResult Result, string Yaml, string MapHash) Load(RandomMap map, int seed)
    {
        var (yaml, lists) = YamlRenderer.Render(map);
        // A folder per call: the same seed may be loaded by several tests at once.
        var folder = Path.Combine(Root, $"{seed}-{Guid.NewGuid():N}");
        try
        {
            foreach (var (path, text) in lists)
            {
                var full = Path.Combine(folder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }

            // Lists are read while loading; the files are not needed afterwards.
            return (MapLoader.LoadText(yaml, Path.Combine(folder, "map.yaml")), yaml, ReferenceMapHash.Of("map.yaml", yaml, lists));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
