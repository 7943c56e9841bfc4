using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Auth;

namespace Platform.Architecture.Tests;

/// <summary>The generated validators refuse what the data annotations refused.</summary>
public class OptionsValidationTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("2.00:00:00")]
    public void A_key_refresh_interval_out_of_its_range_is_refused(string interval)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Auth:Issuer"] = "http://127.0.0.1:8080/";
        builder.Configuration["Auth:KeysRefreshInterval"] = interval;
        builder.AddPlatformAuthentication();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<PlatformAuthOptions>>().Value);
        Assert.Contains(nameof(PlatformAuthOptions.KeysRefreshInterval), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_issuer_is_required()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Auth:Issuer"] = "";
        builder.AddPlatformAuthentication();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<PlatformAuthOptions>>().Value);
        Assert.Contains(nameof(PlatformAuthOptions.Issuer), error.Message, StringComparison.Ordinal);
    }
}
