import { createContext, useContext, type ReactNode } from 'react';
import {
  Button,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { type Control, Controller, type FieldPath, type FieldValues, type RegisterOptions } from 'react-hook-form';

/**
 * Form fields: React Aria for the accessible widget (label, description and
 * error tied to the input), react-hook-form for the value and its validation.
 * The error shown is the field's own (client rule) or the API's, mapped to Swedish.
 */
interface Base<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  description?: string;
  rules?: RegisterOptions<T, FieldPath<T>>;
  isRequired?: boolean;
  /** What is said when a required field is left empty (a date: "Ange datum."). */
  requiredMessage?: string;
}

/**
 * Forms that mark their optional fields "(frivilligt)" instead of their required
 * ones with an asterisk, as Swedish public-sector forms do: set around such a form.
 */
export const MarkOptional = createContext(false);

export function TextInput<T extends FieldValues>(
  props: Base<T> & {
    /** The label is read out but not shown, where a column heading already says what the field is. */
    hideLabel?: boolean;
    type?: 'text' | 'search';
    multiline?: boolean;
    inputMode?: 'decimal' | 'numeric';
    placeholder?: string;
    /** Values offered as the person types (the browser's own list), e.g. the district's known staff. */
    suggestions?: string[];
  },
) {
  const {
    control,
    name,
    label,
    description,
    rules,
    isRequired,
    requiredMessage,
    type = 'text',
    multiline,
    inputMode,
    placeholder,
    hideLabel,
    suggestions,
  } = props;
  const listId = suggestions && suggestions.length > 0 ? `${String(name)}-forslag` : undefined;
  return (
    <Controller
      control={control}
      name={name}
      rules={{ ...(isRequired ? { required: requiredMessage ?? `${label} måste fyllas i.` } : {}), ...rules }}
      render={({ field, fieldState }) => (
        <TextField
          className="field"
          data-field={field.name}
          name={field.name}
          value={(field.value as string | undefined) ?? ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          isRequired={isRequired}
          isInvalid={fieldState.invalid}
          validationBehavior="aria"
          type={type}
          inputMode={inputMode}
        >
          <Label className={hideLabel ? 'visually-hidden' : undefined}>
            {label}
            <Required show={isRequired} />
          </Label>
          {multiline ? (
            <TextArea ref={field.ref} rows={4} />
          ) : (
            <Input ref={field.ref} placeholder={placeholder} list={listId} />
          )}
          {listId && (
            <datalist id={listId}>
              {suggestions!.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
          {description && <Text slot="description">{description}</Text>}
          <FieldError>{fieldState.error?.message}</FieldError>
        </TextField>
      )}
    />
  );
}

export interface Option {
  id: string;
  label: string;
}

export function SelectInput<T extends FieldValues>(props: Base<T> & { options: Option[]; placeholder?: string }) {
  const { control, name, label, description, rules, isRequired, requiredMessage, options, placeholder } = props;
  return (
    <Controller
      control={control}
      name={name}
      rules={{ ...(isRequired ? { required: requiredMessage ?? `Välj ${label.toLowerCase()}.` } : {}), ...rules }}
      render={({ field, fieldState }) => (
        <SelectField
          label={label}
          description={description}
          options={options}
          placeholder={placeholder}
          value={(field.value as string | undefined) ?? ''}
          onChange={field.onChange}
          error={fieldState.error?.message}
          isRequired={isRequired}
          name={field.name}
        />
      )}
    />
  );
}

/** A select not bound to a form (filters). */
export function SelectField(props: {
  label: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  description?: string;
  placeholder?: string;
  error?: string;
  isRequired?: boolean;
  name?: string;
}): ReactNode {
  const { label, options, value, onChange, description, placeholder, error, isRequired, name } = props;
  return (
    <Select
      className="field"
      data-field={name}
      name={name}
      selectedKey={value === '' && !options.some((o) => o.id === '') ? null : value}
      onSelectionChange={(key) => onChange(key === null ? '' : String(key))}
      isInvalid={error !== undefined}
      isRequired={isRequired}
      validationBehavior="aria"
      placeholder={placeholder ?? 'Välj'}
    >
      <Label>
        {label}
        <Required show={isRequired} />
      </Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{error}</FieldError>
      <Popover>
        <ListBox>
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} textValue={o.label}>
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** A message for the whole form (e.g. the API refused the step), announced to screen readers. */
export function FormMessage({ children, tone = 'error' }: { children: ReactNode; tone?: 'error' | 'success' }) {
  if (!children) return null;
  return (
    <div className={`message message-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * The asterisk of a required field (screen readers hear "required" from the input itself), or,
 * in a form that marks its optional fields instead, "(frivilligt)" on those: part of the label.
 */
function Required({ show }: { show?: boolean }) {
  const markOptional = useContext(MarkOptional);
  if (markOptional) return show ? null : <span className="optional"> (frivilligt)</span>;
  return show ? <span aria-hidden="true"> *</span> : null;
}
