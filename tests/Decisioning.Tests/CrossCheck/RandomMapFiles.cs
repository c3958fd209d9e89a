using Decisioning.Loading;

namespace Decisioning.Tests.CrossCheck;

/// <summary>
/// Renders a <see cref="RandomMap"/> and loads it through <see cref="MapLoader.LoadText"/>, with its
/// named lists written to a temporary folder next to the (virtual) map file.
/// </summary>
public static class RandomMapFiles
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "decisioning-crosscheck");

    public static (LoadResult Result, string Yaml) Load(RandomMap map, int seed)
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
            return (MapLoader.LoadText(yaml, Path.Combine(folder, "map.yaml")), yaml);
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
