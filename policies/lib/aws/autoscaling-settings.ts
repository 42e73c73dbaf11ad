/**
 * An Auto Scaling group's sizes refused at create (webtier-preflight-settings): API autoscaling
 * CreateAutoScalingGroup, DesiredCapacity "must be greater than or equal to the minimum size of
 * the group and less than or equal to the maximum size of the group", and a minimum above the
 * maximum (ValidationError; read 2026-12-03).
 */
import { Res, describe, knownNumber } from "../values";

const GROUP = "aws:autoscaling/group:Group";

export function autoscalingSettingsProblems(res: Res): string[] {
    if (res.type !== GROUP) return [];
    const { minSize, maxSize, desiredCapacity } = res.props;
    const source = "Source: API autoscaling CreateAutoScalingGroup MinSize, MaxSize, DesiredCapacity.";
    if (knownNumber(minSize) && knownNumber(maxSize) && minSize > maxSize)
        return [
            `${describe(res)}: minSize ${minSize} is above maxSize ${maxSize}; Auto Scaling refuses the group. Set minSize at or below maxSize. ${source}`,
        ];
    if (!knownNumber(desiredCapacity)) return [];
    if (knownNumber(minSize) && desiredCapacity < minSize)
        return [
            `${describe(res)}: desiredCapacity ${desiredCapacity} is below minSize ${minSize}; Auto Scaling refuses a desired capacity outside minSize..maxSize. Raise desiredCapacity, or lower minSize. ${source}`,
        ];
    if (knownNumber(maxSize) && desiredCapacity > maxSize)
        return [
            `${describe(res)}: desiredCapacity ${desiredCapacity} is above maxSize ${maxSize}; Auto Scaling refuses a desired capacity outside minSize..maxSize. Raise maxSize, or lower desiredCapacity. ${source}`,
        ];
    return [];
}
