import { Dropdown, Option } from '@fluentui/react-components';
import { clouds } from '@/lib/config/build-settings';
import type { CloudId } from '@/lib/config/clouds';

/** The Microsoft clouds this build knows, by name. */
export function CloudDropdown(props: { value: CloudId; onChange(cloud: CloudId): void; disabled?: boolean }) {
  return (
    <Dropdown
      name="cloud"
      value={clouds.find((cloud) => cloud.id === props.value)?.label ?? ''}
      selectedOptions={[props.value]}
      disabled={props.disabled}
      onOptionSelect={(_, data) => props.onChange(data.optionValue as CloudId)}
    >
      {clouds.map((cloud) => (
        <Option key={cloud.id} value={cloud.id}>
          {cloud.label}
        </Option>
      ))}
    </Dropdown>
  );
}
