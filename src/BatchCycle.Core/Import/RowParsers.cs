using BatchCycle.Cycle;
using BatchCycle.Messages;

namespace BatchCycle.Import;

/// <summary>
/// Turns a data row of each input kind into its record (docs/inputs.md), or null when the row has a problem. Every
/// column is read even after a problem, so the secretariat sees all of a row's problems at once.
/// </summary>
public static class RowParsers
{
    public static Application? Application(RowReader r)
    {
        var id = r.Id("ApplicationId", true);
        var labelType = r.Code("LabelType", Codes.LabelTypes, true);
        var kind = r.Code("Kind", Codes.ApplicationKinds, true);
        var name = r.Text("ApplicantName", true);
        var nameEn = r.Text("ApplicantNameEn");

        // docs/inputs.md: a manufacturing applicant with no place of registration is registered in Hong Kong.
        var place = r.Code("RegistrationPlace", Codes.RegistrationPlaces);
        if (place is null && r.IsBlank("RegistrationPlace") && labelType is { } type && LabelTypes.IsFactoryLabel(type))
        {
            place = RegistrationPlace.HK;
        }

        var registrationNo = r.RegistrationNo("RegistrationNo", mustBeBr: place == RegistrationPlace.HK);
        var registrationNoAsWritten = r.ShortBrText("RegistrationNo");
        var providerId = r.Id("ProviderId");
        var factoryId = r.FactoryId("FactoryId");
        var factoryName = r.Text("FactoryName");
        var factoryAddress = r.Text("FactoryAddress");
        var factoryCity = r.Text("FactoryCity");
        var relationship = r.Code("Relationship", Codes.Relationships);
        var stakeInFactory = r.Percent("HolderStakeInFactoryPct");
        var stakeInApplicant = r.Percent("HolderStakeInApplicantPct");
        var hkResident = r.YesNo("HolderIsHkResident");
        var siteCheck = r.Code("SiteCheck", Codes.SiteChecks);
        var declaration = r.YesNo("DeclarationSigned");
        var contactName = r.Text("ContactName");
        var contactEmail = r.Text("ContactEmail");
        var submittedOn = r.Date("SubmittedOn");
        if (r.IsBlank("SubmittedOn"))
        {
            // The application is still screened; only the in-time requirement (1.4) cannot be decided.
            r.Warning("SubmittedOn", Message.Of("Import.NoSubmissionDate"));
        }

        return r.Failed
            ? null
            : new Application(
                id!, labelType!.Value, kind!.Value, name!, nameEn, place, registrationNo, providerId, factoryId, factoryName, factoryAddress,
                factoryCity, relationship, stakeInFactory, stakeInApplicant, hkResident, siteCheck, declaration, contactName, contactEmail,
                submittedOn, r.Source)
            {
                RegistrationNoAsWritten = registrationNoAsWritten,
            };
    }

    public static FundedProject? FundedProject(RowReader r)
    {
        var projectRef = r.Id("ProjectRef", true);
        var typeText = r.Text("ProjectType", true);
        var factoryId = r.FactoryId("FactoryId", true);
        var factoryName = r.Text("FactoryName");
        var providerId = r.Id("ProviderId");
        var recommendedBy = r.RegistrationNo("RecommendedBy");
        var status = r.Code("Status", Codes.ProjectStatuses, true);
        var approvedOn = r.Date("ApprovedOn");
        var completedOn = r.Date("CompletedOn");
        if (status == ProjectStatus.Completed && r.IsBlank("CompletedOn"))
        {
            r.Problem("CompletedOn", Message.Of("Import.CompletedOnRequired"));
        }

        var grant = r.Amount("GrantHkd");
        var declaredIn = r.Year("PreviouslyDeclaredIn");

        // docs/inputs.md: other project types are kept (with their text) but never counted.
        var type = typeText is not null && Codes.ProjectTypes.TryRead(typeText, out var known) ? known : ProjectType.Other;
        return r.Failed
            ? null
            : new FundedProject(projectRef!, type, typeText!, factoryId!, factoryName, providerId, recommendedBy, status!.Value, approvedOn, completedOn, grant, declaredIn, r.Source);
    }

    public static ImprovementOption? ImprovementOption(RowReader r)
    {
        var projectRef = r.Id("ProjectRef", true);
        var optionNo = r.Id("OptionNo", true);
        var cost = r.Code("Cost", Codes.OptionCosts, true);
        var description = r.Text("Description");
        var reduces = r.YesNo("ReducesVocOrNox");
        var status = r.Code("Status", Codes.OptionStatuses, true);
        var completedOn = r.Date("CompletedOn");
        if (status == OptionStatus.Completed && r.IsBlank("CompletedOn"))
        {
            r.Problem("CompletedOn", Message.Of("Import.CompletedOnRequired"));
        }

        var declaredIn = r.Year("PreviouslyDeclaredIn");
        return r.Failed
            ? null
            : new ImprovementOption(projectRef!, optionNo!, cost!.Value, description, reduces, status!.Value, completedOn, declaredIn, r.Source);
    }

    public static Violation? Violation(RowReader r)
    {
        var caseRef = r.Id("CaseRef", true);
        var authority = r.Text("Authority");
        var entityId = r.EntityId("EntityId");
        var entityName = r.Text("EntityName", true);
        var violationDate = r.Date("ViolationDate");
        var penaltyDate = r.Date("PenaltyDate");
        if (r.IsBlank("ViolationDate") && r.IsBlank("PenaltyDate"))
        {
            r.Problem("ViolationDate", Message.Of("Import.ViolationDateMissing"));
        }

        var law = r.Text("Law");
        var penalty = r.Text("Penalty");
        return r.Failed ? null : new Violation(caseRef!, authority, entityId, entityName!, violationDate, penaltyDate, law, penalty, r.Source);
    }

    public static RegisterLabel? RegisterLabel(RowReader r)
    {
        var serial = r.Id("Serial", true);
        var labelType = r.Code("LabelType", Codes.LabelTypes, true);
        var holderName = r.Text("HolderName", true);
        var holderNo = r.RegistrationNo("HolderRegistrationNo");
        var factoryId = r.FactoryId("FactoryId");
        var providerId = r.Id("ProviderId");
        var awardedOn = r.Date("AwardedOn", true);
        var expiresOn = r.Date("ExpiresOn");
        if (expiresOn is { } end && awardedOn is { } start && end < start)
        {
            r.Problem("ExpiresOn", Message.Of("Import.ExpiresBeforeAwarded", end, start));
        }

        var route = r.Code("Route", Codes.Routes);
        var revoked = r.YesNo("Revoked");
        var contactEmail = r.Text("ContactEmail");
        var contactName = r.Text("ContactName");
        return r.Failed
            ? null
            : new RegisterLabel(
                serial!, labelType!.Value, holderName!, holderNo, factoryId, providerId, awardedOn!.Value,
                expiresOn ?? LabelTypes.ExpiresOn(labelType.Value, awardedOn.Value), route, revoked ?? false, contactEmail, contactName, r.Source, []);
    }

    public static Title? Title(RowReader r)
    {
        var factoryId = r.FactoryId("FactoryId", true);
        var factoryName = r.Text("FactoryName");
        var titleType = r.Code("TitleType", Codes.TitleTypes, true);
        var certificateNo = r.Id("CertificateNo");
        var issuedOn = r.Date("IssuedOn", true);
        var validUntil = r.Date("ValidUntil");
        return r.Failed ? null : new Title(factoryId!, factoryName, titleType!.Value, certificateNo, issuedOn!.Value, validUntil, r.Source);
    }

    public static ServiceProvider? ServiceProvider(RowReader r)
    {
        var providerId = r.Id("ProviderId", true);
        var name = r.Text("ProviderName", true);
        var status = r.Code("Status", Codes.ProviderStatuses, true);
        var registeredOn = r.Date("RegisteredOn");
        var delistedOn = r.Date("DelistedOn");
        return r.Failed ? null : new ServiceProvider(providerId!, name!, status!.Value, registeredOn, delistedOn, r.Source);
    }

    public static Complaint? Complaint(RowReader r)
    {
        var providerId = r.Id("ProviderId", true);
        var receivedOn = r.Date("ReceivedOn", true);
        var kind = r.Code("Kind", Codes.ComplaintKinds);

        // docs/inputs.md: a blank Substantiated means the complaint is still open.
        var substantiated = r.YesNo("Substantiated");
        var reference = r.Id("Ref");
        return r.Failed ? null : new Complaint(providerId!, receivedOn!.Value, kind, substantiated, reference, r.Source);
    }

    public static ProcurementDeclaration? Procurement(RowReader r)
    {
        var applicationId = r.Id("ApplicationId", true);
        var supplier = r.FactoryId("SupplierFactoryId", true);
        var supplierName = r.Text("SupplierName");
        var from = r.Date("PeriodFrom", true);
        var to = r.Date("PeriodTo");
        if (from is { } start && to is { } end && end < start)
        {
            r.Problem("PeriodTo", Message.Of("Import.PeriodToBeforeFrom", end, start));
        }

        return r.Failed ? null : new ProcurementDeclaration(applicationId!, supplier!, supplierName, from!.Value, to, r.Source);
    }

    public static PanelDecision? PanelDecision(RowReader r)
    {
        var applicationId = r.Id("ApplicationId", true);
        var decision = r.Code("Decision", Codes.Decisions);
        var remarks = r.Text("Remarks");
        if (r.IsBlank("Decision"))
        {
            // The panel workbook lists every application; those the panel has not decided yet come back blank.
            r.Warning("Decision", Message.Of("Import.NoDecision"));
            return null;
        }

        return r.Failed ? null : new PanelDecision(applicationId!, decision!.Value, remarks, r.Source);
    }
}
