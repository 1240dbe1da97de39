;;; The X window system and display managers.

(define-module (gnu services xorg)
  #:use-module (guix records)
  #:use-module (gnu services)
  #:use-module (gnu packages xorg)
  #:export (xorg-configuration
            xorg-configuration?
            xorg-configuration-keyboard-layout
            set-xorg-configuration
            gdm-service-type
            gdm-configuration
            slim-service-type
            slim-configuration
            screen-locker-service-type
            screen-locker-configuration
            screen-locker-service
            xorg-server-service-type
            localed-service-type))

(define-record-type* <xorg-configuration> xorg-configuration
  make-xorg-configuration
  xorg-configuration?
  (modules xorg-configuration-modules (default '()))
  (fonts xorg-configuration-fonts (default '()))
  (drivers xorg-configuration-drivers (default '()))
  (resolutions xorg-configuration-resolutions (default '()))
  (keyboard-layout xorg-configuration-keyboard-layout (default #f))
  (extra-config xorg-configuration-extra-config (default '()))
  (server xorg-configuration-server (default xorg-server))
  (server-arguments xorg-configuration-server-arguments (default '())))

(define-record-type* <gdm-configuration> gdm-configuration
  make-gdm-configuration
  gdm-configuration?
  (auto-login? gdm-configuration-auto-login? (default #f))
  (default-user gdm-configuration-default-user (default #f))
  (wayland? gdm-configuration-wayland? (default #t))
  (xorg-configuration gdm-configuration-xorg (default (xorg-configuration))))

(define gdm-service-type
  (service-type
    (name 'gdm)
    (extensions '())
    (compose (lambda (configs) (if (null? configs) #f (car configs))))
    (extend (lambda (config xorg)
              (if xorg
                  (gdm-configuration (inherit config)
                                     (xorg-configuration xorg))
                  config)))
    (default-value (gdm-configuration))
    (description "The GNOME display manager.")))

(define-record-type* <slim-configuration> slim-configuration
  make-slim-configuration
  slim-configuration?
  (auto-login? slim-configuration-auto-login? (default #f))
  (xorg-configuration slim-configuration-xorg (default (xorg-configuration))))

(define slim-service-type
  (inert-service-type 'slim (slim-configuration) "The SLiM display manager."))

(define (set-xorg-configuration config)
  "Return a service making the display manager use the X configuration CONFIG."
  (simple-service 'set-xorg-configuration gdm-service-type config))

(define-record-type* <screen-locker-configuration> screen-locker-configuration
  make-screen-locker-configuration
  screen-locker-configuration?
  (name screen-locker-configuration-name)
  (program screen-locker-configuration-program)
  (allow-empty-password? screen-locker-allow-empty-password? (default #f))
  (using-pam? screen-locker-using-pam? (default #t))
  (using-setuid? screen-locker-using-setuid? (default #t)))

(define screen-locker-service-type
  (inert-service-type 'screen-locker &no-default-value
                      "A screen locker that needs privileges."))

(define* (screen-locker-service package #:optional (program "slock"))
  "Return a screen locker service for PROGRAM of PACKAGE (deprecated)."
  (service screen-locker-service-type
           (screen-locker-configuration (name program) (program package))))

(define xorg-server-service-type
  (inert-service-type 'xorg-server (xorg-configuration) "An X server."))

(define localed-service-type
  (inert-service-type 'localed #f "The systemd-localed D-Bus service."))
