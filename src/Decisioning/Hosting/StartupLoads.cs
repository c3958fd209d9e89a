using System.Collections.Concurrent;

namespace Decisioning.Hosting;

/// <summary>
/// Hands the versions loaded while the options were validated at start to the engine, so that a
/// map is loaded once, not once to validate and again to serve.
/// </summary>
internal sealed class StartupLoads : IDisposable
{
    private readonly ConcurrentDictionary<string, (IMapSource Source, MapVersion Version)> _loaded = new(StringComparer.Ordinal);

    public void Offer(string mapId, IMapSource source, MapVersion version)
    {
        if (_loaded.TryRemove(mapId, out var replaced))
        {
            (replaced.Source as IDisposable)?.Dispose();
        }

        _loaded[mapId] = (source, version);
    }

    public bool TryTake(string mapId, out (IMapSource Source, MapVersion Version) loaded) => _loaded.TryRemove(mapId, out loaded);

    /// <summary>Disposes sources nobody took (options validated, engine never made).</summary>
    public void Dispose()
    {
        foreach (var (_, (source, _)) in _loaded)
        {
            (source as IDisposable)?.Dispose();
        }

        _loaded.Clear();
    }
}
