;;; Desktop services: D-Bus, logind, power, disks, and %desktop-services.

(define-module (gnu services desktop)
  #:use-module (guix records)
  #:use-module (gnu services)
  #:use-module (gnu services base)
  #:use-module (gnu services networking)
  #:use-module (gnu services xorg)
  #:use-module (gnu packages freedesktop)
  #:use-module (gnu packages glib)
  #:use-module (gnu packages suckless)
  #:export (%desktop-services
            desktop-services-for-system
            dbus-root-service-type
            dbus-configuration
            elogind-service-type
            elogind-configuration
            elogind-service
            polkit-service-type
            accountsservice-service-type
            colord-service-type
            geoclue-service-type
            upower-service-type
            udisks-service-type
            sane-service-type
            fontconfig-file-system-service
            x11-socket-directory-service
            gnome-desktop-service-type
            gnome-desktop-configuration
            xfce-desktop-service-type
            xfce-desktop-configuration
            mate-desktop-service-type
            lxqt-desktop-service-type
            plasma-desktop-service-type
            bluetooth-service-type
            bluetooth-configuration
            cups-pk-helper-service-type
            pulseaudio-service-type
            alsa-service-type
            dbus-service))

(define-record-type* <dbus-configuration> dbus-configuration
  make-dbus-configuration
  dbus-configuration?
  (dbus dbus-configuration-dbus (default dbus))
  (services dbus-configuration-services (default '())))

(define dbus-root-service-type
  (inert-service-type 'dbus-system (dbus-configuration) "The D-Bus system bus."))

(define* (dbus-service #:key (services '()))
  "Return a D-Bus system bus service (deprecated)."
  (service dbus-root-service-type (dbus-configuration (services services))))

(define-record-type* <elogind-configuration> elogind-configuration
  make-elogind-configuration
  elogind-configuration?
  (elogind elogind-configuration-elogind (default elogind))
  (handle-lid-switch elogind-handle-lid-switch (default 'suspend))
  (handle-power-key elogind-handle-power-key (default 'poweroff)))

(define elogind-service-type
  (inert-service-type 'elogind (elogind-configuration)
                      "Login and seat management with elogind."))

(define* (elogind-service #:key (config (elogind-configuration)))
  "Return an elogind service (deprecated: use elogind-service-type)."
  ((python-ref (python-import "oscdsl.os.host") "deprecation_warning")
   'elogind-service "(service elogind-service-type)")
  (service elogind-service-type config))

(define polkit-service-type
  (inert-service-type 'polkit #t "The polkit authorization service."))
(define accountsservice-service-type
  (inert-service-type 'accountsservice #t "User account queries over D-Bus."))
(define colord-service-type
  (inert-service-type 'colord #t "Colour management."))
(define geoclue-service-type
  (inert-service-type 'geoclue #t "Geolocation."))
(define upower-service-type
  (inert-service-type 'upower #t "Power management."))
(define udisks-service-type
  (inert-service-type 'udisks #t "Disk management over D-Bus."))
(define sane-service-type
  (inert-service-type 'sane #t "Scanner access."))
(define cups-pk-helper-service-type
  (inert-service-type 'cups-pk-helper #t "Printer administration."))
(define pulseaudio-service-type
  (inert-service-type 'pulseaudio #t "The PulseAudio sound server."))
(define alsa-service-type
  (inert-service-type 'alsa #t "ALSA sound configuration."))

(define-record-type* <bluetooth-configuration> bluetooth-configuration
  make-bluetooth-configuration
  bluetooth-configuration?
  (auto-enable? bluetooth-configuration-auto-enable? (default #f)))

(define bluetooth-service-type
  (inert-service-type 'bluetooth (bluetooth-configuration) "Bluetooth."))

(define-record-type* <gnome-desktop-configuration> gnome-desktop-configuration
  make-gnome-desktop-configuration
  gnome-desktop-configuration?
  (core-services gnome-core-services (default '()))
  (extra-packages gnome-extra-packages (default '())))

(define gnome-desktop-service-type
  (inert-service-type 'gnome-desktop (gnome-desktop-configuration)
                      "The GNOME desktop."))

(define-record-type* <xfce-desktop-configuration> xfce-desktop-configuration
  make-xfce-desktop-configuration
  xfce-desktop-configuration?
  (xfce xfce-package (default #f)))

(define xfce-desktop-service-type
  (inert-service-type 'xfce-desktop (xfce-desktop-configuration)
                      "The Xfce desktop."))
(define mate-desktop-service-type
  (inert-service-type 'mate-desktop #t "The MATE desktop."))
(define lxqt-desktop-service-type
  (inert-service-type 'lxqt-desktop #t "The LXQt desktop."))
(define plasma-desktop-service-type
  (inert-service-type 'plasma-desktop #t "The KDE Plasma desktop."))

(define fontconfig-file-system-service
  ;; Fonts of the system profile, bind-mounted where fontconfig looks.
  (simple-service 'fontconfig-file-system file-system-service-type '()))

(define x11-socket-directory-service
  ;; /tmp/.X11-unix, created at boot.
  (simple-service 'x11-socket-directory activation-service-type
                  '((mkdir "/tmp/.X11-unix"))))

(define* (desktop-services-for-system #:optional (system #f))
  "Return the services of a graphical desktop: a display manager, screen
lockers, NetworkManager and the D-Bus services desktops expect, on top of
%base-services."
  (append (list (service gdm-service-type)
                (service screen-locker-service-type
                         (screen-locker-configuration
                           (name "slock")
                           (program slock)))
                (service screen-locker-service-type
                         (screen-locker-configuration
                           (name "xlock")
                           (program slock)))
                (service sane-service-type)
                (service polkit-service-type)
                (service network-manager-service-type)
                (service wpa-supplicant-service-type)
                (service modem-manager-service-type)
                (service usb-modeswitch-service-type)
                (service avahi-service-type)
                (service udisks-service-type)
                (service upower-service-type)
                (service accountsservice-service-type)
                (service cups-pk-helper-service-type)
                (service colord-service-type)
                (service geoclue-service-type)
                (service elogind-service-type)
                (service dbus-root-service-type)
                (service ntp-service-type)
                x11-socket-directory-service
                (service pulseaudio-service-type)
                (service alsa-service-type))
          ;; A desktop gets its network from NetworkManager.
          (remove (lambda (service)
                    (eq? (service-kind service) static-networking-service-type))
                  %base-services)
          (list fontconfig-file-system-service)))

(define %desktop-services
  ;; The services of a graphical desktop.
  (desktop-services-for-system))
