using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HostApp;

/// <summary>
/// The sample's stand-in for a bank's single sign-on: <c>Authorization: ApiKey KEY</c>, where each
/// configured key (<c>Board:ApiKeys:KEY = "role,role"</c>) carries its roles. A real host plugs in
/// its own scheme (OpenID Connect, JWT bearer, Windows); the board only names a policy.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = header[(SchemeName.Length + 1)..].Trim();
        var roles = key.Length == 0 ? null : configuration.GetSection("Board:ApiKeys")[key];
        if (roles is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown key"));
        }

        var claims = roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(role => new Claim(ClaimTypes.Role, role))
            .Append(new Claim(ClaimTypes.Name, "api-key"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
