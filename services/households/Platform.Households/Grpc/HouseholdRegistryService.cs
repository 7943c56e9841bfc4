using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Households.V1;
using Platform.Contracts.People;
using Platform.Households.Campaign;
using Platform.Households.Data;
using Platform.Households.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.Households.Registry;
using DomainTownship = Platform.Households.Domain.Township;
using DomainVillage = Platform.Households.Domain.Village;
using GrpcHousehold = Platform.Contracts.Grpc.Households.V1.Household;
using Platform.Contracts;

namespace Platform.Households.Grpc;

/// <summary>The registry's gRPC API for departmental systems (through the gateway's HTTP/2 endpoint).</summary>
public sealed partial class HouseholdRegistryService(
    HouseholdsDbContext db,
    BulkHouseholdImporter importer,
    CampaignHistoryImporter history,
    TimeProvider clock) : HouseholdRegistry.HouseholdRegistryBase
{
    [Authorize(Policy = PlatformPolicies.CountyWrite)]
    public override Task<HistorySummary> ImportCampaignHistory(IAsyncStreamReader<VillageHistory> requestStream, ServerCallContext context) =>
        history.ImportAsync(requestStream, PlatformClaims.Actor(context.GetHttpContext().User) ?? "unknown", context.CancellationToken);

    [Authorize(Policy = PlatformPolicies.CountyWrite)]
    public override Task<ImportSummary> ImportHouseholds(IAsyncStreamReader<HouseholdRecord> requestStream, ServerCallContext context) =>
        importer.ImportAsync(requestStream, context.CancellationToken);

    [Authorize(Policy = PlatformPolicies.CountyWrite)]
    public override async Task<ImportVillagesSummary> ImportVillages(ImportVillagesRequest request, ServerCallContext context)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < request.Townships.Count; i++)
        {
            var t = request.Townships[i];
            if (!TownshipCode().IsMatch(t.Code))
            {
                FieldErrors.Add(errors, $"townships[{i}].code", "乡镇代码应为9位数字");
            }

            if (string.IsNullOrWhiteSpace(t.Name) || t.Name.Length > 50)
            {
                FieldErrors.Add(errors, $"townships[{i}].name", "乡镇名称不能为空且不超过50字");
            }
        }

        var townshipCodes = request.Townships.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var known = await db.Townships.ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, context.CancellationToken);
        for (var i = 0; i < request.Villages.Count; i++)
        {
            var v = request.Villages[i];
            if (!VillageCode().IsMatch(v.Code) || !v.Code.StartsWith(v.TownshipCode, StringComparison.Ordinal))
            {
                FieldErrors.Add(errors, $"villages[{i}].code", "行政村代码应为12位数字，且以所属乡镇代码开头");
            }

            if (string.IsNullOrWhiteSpace(v.Name) || v.Name.Length > 50)
            {
                FieldErrors.Add(errors, $"villages[{i}].name", "行政村名称不能为空且不超过50字");
            }

            if (!townshipCodes.Contains(v.TownshipCode) && !known.ContainsKey(v.TownshipCode))
            {
                FieldErrors.Add(errors, $"villages[{i}].township_code", "所属乡镇不存在");
            }

            if (v.RuralPopulation < 0)
            {
                FieldErrors.Add(errors, $"villages[{i}].rural_population", "农村人口不能为负数");
            }
        }

        if (errors.Count > 0)
        {
            throw Outcome<ImportVillagesSummary>.Refused(Refusal.Invalid, errors).ToRpcException();
        }

        var summary = new ImportVillagesSummary();
        foreach (var t in request.Townships)
        {
            if (known.TryGetValue(t.Code, out var township))
            {
                township.Name = t.Name;
                summary.TownshipsUpdated++;
            }
            else
            {
                known[t.Code] = db.Townships.Add(new DomainTownship { Code = t.Code, Name = t.Name }).Entity;
                summary.TownshipsCreated++;
            }
        }

        var villages = await db.Villages.ToDictionaryAsync(v => v.Code, StringComparer.Ordinal, context.CancellationToken);
        foreach (var v in request.Villages)
        {
            if (!villages.TryGetValue(v.Code, out var village))
            {
                village = db.Villages.Add(new DomainVillage { Code = v.Code, Name = v.Name }).Entity;
                villages[v.Code] = village;
                summary.VillagesCreated++;
            }
            else
            {
                summary.VillagesUpdated++;
            }

            village.Name = v.Name;
            village.Township = known[v.TownshipCode];
            village.RuralPopulation = v.RuralPopulation;
            village.IsPoorVillage = v.IsPoorVillage;
        }

        await db.SaveChangesAsync(context.CancellationToken);
        return summary;
    }

    [Authorize(Policy = PlatformPolicies.Read)]
    [AuditAsRead]
    public override async Task<GrpcHousehold> GetHousehold(GetHouseholdRequest request, ServerCallContext context)
    {
        var household = await db.Households.AsNoTracking().Within(DataScope.Of(context.GetHttpContext().User))
            .Include(h => h.Members.Where(m => m.RemovedAt == null))
            .Include(h => h.Village).ThenInclude(v => v!.Township)
            .SingleOrDefaultAsync(h => h.HouseholdNumber == request.HouseholdNumber, context.CancellationToken)
            ?? throw Outcome<GrpcHousehold>.Refused(Refusal.NotFound, "household_number", "建档立卡户不存在").ToRpcException();
        var reply = new GrpcHousehold
        {
            HouseholdId = household.Id.ToString(),
            HouseholdNumber = household.HouseholdNumber,
            TownshipCode = household.Village!.Township!.Code,
            VillageCode = household.Village.Code,
            Status = Codes.Of(household.Status),
            MainCause = Codes.Of(household.MainCause),
        };
        reply.OtherCauses.AddRange(household.OtherCauses.Select(Codes.Of));
        reply.Members.AddRange(household.Members.Select(m => new Platform.Contracts.Grpc.Households.V1.Member
        {
            MemberId = m.Id.ToString(),
            IdNumber = ResidentIdNumber.Mask(m.IdNumber),
            Name = m.Name,
            Sex = Codes.Of(m.Sex),
            BirthYear = m.BirthDate.Year,
            Relation = m.Relation,
        }));
        return reply;
    }

    [Authorize(Policy = PlatformPolicies.Read)]
    [AuditAsRead]
    public override async Task<FindMemberResponse> FindMember(FindMemberRequest request, ServerCallContext context)
    {
        if (!ResidentIdNumber.TryParse(request.IdNumber, clock.Today(), out var idNumber, out var error))
        {
            throw Outcome<FindMemberResponse>.Refused(Refusal.Invalid, "id_number", error).ToRpcException();
        }

        var match = await db.Members.AsNoTracking()
            .Where(m => m.IdNumber == idNumber.Value && m.RemovedAt == null)
            .Join(
                db.Households.Within(DataScope.Of(context.GetHttpContext().User)),
                m => m.HouseholdId,
                h => h.Id,
                (m, h) => new { m.Id, m.HouseholdId, Household = new { h.HouseholdNumber, h.Status } })
            .SingleOrDefaultAsync(context.CancellationToken);
        return match is null
            ? new FindMemberResponse { Found = false }
            : new FindMemberResponse
            {
                Found = true,
                HouseholdId = match.HouseholdId.ToString(),
                HouseholdNumber = match.Household.HouseholdNumber,
                MemberId = match.Id.ToString(),
                Status = Codes.Of(match.Household.Status),
            };
    }

    [GeneratedRegex(@"^\d{9}$")]
    private static partial Regex TownshipCode();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex VillageCode();
}
