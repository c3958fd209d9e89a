using Decisioning.Hosting;
using Decisioning.Loading;
using Microsoft.Extensions.Primitives;

namespace Decisioning.Tests.Hosting;

/// <summary>A map kept as text, as a database or blob store would keep it; <see cref="Change"/> signals like a notification.</summary>
internal sealed class InMemoryMapSource(string text) : IMapSource, IDisposable
{
    private volatile string _text = text;
    private CancellationTokenSource _changed = new();

    public string Description => "memory:demo";

    public bool Disposed { get; private set; }

    public Task<LoadResult> LoadAsync(MapLoadOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(MapLoader.LoadText(_text, "memory:demo.yaml", options));

    public IChangeToken Watch() => new CancellationChangeToken(_changed.Token);

    public void Change(string text)
    {
        _text = text;
        var fired = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        fired.Cancel();
    }

    public void Dispose() => Disposed = true;
}
