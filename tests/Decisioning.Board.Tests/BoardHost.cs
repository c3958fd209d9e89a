using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Decisioning.Board.Tests;

/// <summary>A minimal host with the board mapped, on the test server or on Kestrel at 127.0.0.1.</summary>
internal static class BoardHost
{
    public const string Policy = "board-readers";

    public static async Task<WebApplication> StartAsync(Action<DecisioningBoardOptions> configure, bool kestrel = false, bool withPolicy = true,
        Decisioning.History.IInteractionHistory? history = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (kestrel)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddRouting();
        builder.Services.AddAuthentication(RoleHeader.SchemeName).AddScheme<AuthenticationSchemeOptions, RoleHeader>(RoleHeader.SchemeName, null);
        builder.Services.AddAuthorization(auth =>
        {
            if (withPolicy)
            {
                auth.AddPolicy(Policy, p => p.RequireRole("board-reader"));
            }
        });
        if (history is not null)
        {
            // As UseHistory registers the store a host attaches.
            builder.Services.AddSingleton(history);
        }

        builder.Services.AddDecisioningBoard(configure);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDecisioningBoard("/decisioning");
        await app.StartAsync();
        return app;
    }

    /// <summary>Test authentication: <c>X-Roles: a,b</c> signs the caller in with those roles; no header, anonymous.</summary>
    private sealed class RoleHeader(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "roles";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue("X-Roles", out var roles))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var claims = roles.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r.Trim()));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
    }
}
