using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Decisioning.Hosting;

/// <summary>Makes a map's source: the one registered in code, or files at its configured path.</summary>
internal sealed class MapSourceFactory(IServiceProvider services, IOptions<DecisioningRegistry> registry)
{
    public bool HasCustomSource(string mapId) => registry.Value.Sources.ContainsKey(mapId);

    public bool HasCustomShadowSource(string mapId) => registry.Value.ShadowSources.ContainsKey(mapId);

    public IMapSource Create(string mapId, MapOptions options) =>
        Create(registry.Value.Sources, mapId, options.Path, "map");

    public IMapSource CreateShadow(string mapId, ShadowOptions options) =>
        Create(registry.Value.ShadowSources, mapId, options.Path, "shadow of map");

    private IMapSource Create(Dictionary<string, Func<IServiceProvider, IMapSource>> custom, string mapId, string? path, string what)
    {
        if (custom.TryGetValue(mapId, out var factory))
        {
            return factory(services) ?? throw new InvalidOperationException($"the source factory of the {what} '{mapId}' returned null");
        }

        var root = services.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
        // Path.Combine keeps a rooted path as it is.
        return new FileMapSource(Path.Combine(root, path!));
    }
}
