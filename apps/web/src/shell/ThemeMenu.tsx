import {
  Button,
  Menu,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  type MenuProps,
} from '@fluentui/react-components';
import { DesktopRegular, WeatherMoonRegular, WeatherSunnyRegular } from '@fluentui/react-icons';
import type { ThemeChoice } from './theme.ts';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeMenu({
  choice,
  dark,
  onChange,
}: {
  choice: ThemeChoice;
  dark: boolean;
  onChange: (choice: ThemeChoice) => void;
}) {
  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_event, data) => {
    const next = data.checkedItems[0];
    if (next === 'system' || next === 'light' || next === 'dark') onChange(next);
  };
  return (
    <Menu checkedValues={{ theme: [choice] }} onCheckedValueChange={onCheckedValueChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button
          appearance="subtle"
          icon={dark ? <WeatherMoonRegular /> : <WeatherSunnyRegular />}
          aria-label={`Theme: ${LABELS[choice]}`}
        />
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItemRadio name="theme" value="system" icon={<DesktopRegular />}>
            {LABELS.system}
          </MenuItemRadio>
          <MenuItemRadio name="theme" value="light" icon={<WeatherSunnyRegular />}>
            {LABELS.light}
          </MenuItemRadio>
          <MenuItemRadio name="theme" value="dark" icon={<WeatherMoonRegular />}>
            {LABELS.dark}
          </MenuItemRadio>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
